#!/usr/bin/perl
# brf-check.pl - the form of a BRF file, read independently of signpost:
#   brf-check.pl FILE CELLS LINES top|bottom
# Checks: only braille ASCII (0x20-0x5F), CR LF line ends, a form feed after every page,
# every line <= CELLS cells, every page <= LINES lines, the braille page numbers (UEB: '#'
# then letters A-J for 1-9, 0) at the right margin of the first (top) or last (bottom)
# line running 1, 2, 3..., and no page without text.  Prints one problem per line and
# "pages N" last.  Exit status 0 when every check holds.
use strict;
use warnings;

my ($file, $cells, $lines, $where) = @ARGV;
open(my $fh, '<:raw', $file) or die "$file: $!\n";
my $data = do { local $/; <$fh> };
my @bad;

push @bad, sprintf("byte 0x%02X is not braille ASCII", ord($1))
    if $data =~ /([^\x20-\x5F\r\n\f])/;
push @bad, "a line ends without CR LF" if $data =~ /(?<!\r)\n/ || $data =~ /\r(?!\n)/;
push @bad, "the file does not end with a form feed" unless $data =~ /\f\z/;

my @pages = split /\f/, $data;
my %digit = (A => 1, B => 2, C => 3, D => 4, E => 5, F => 6, G => 7, H => 8, I => 9, J => 0);
for my $i (0 .. $#pages) {
    my @l = split /\r\n/, $pages[$i], -1;
    pop @l if @l && $l[-1] eq '';
    push @bad, sprintf("page %d has %d lines (more than %d)", $i + 1, scalar @l, $lines)
        if @l > $lines;
    for my $k (0 .. $#l) {
        push @bad, sprintf("page %d line %d has %d cells (more than %d)", $i + 1, $k + 1,
                           length $l[$k], $cells) if length $l[$k] > $cells;
    }
    my $numline = $where eq 'bottom' ? ($#l == $lines - 1 ? $l[-1] : '') : ($l[0] // '');
    my @body = $where eq 'bottom' ? @l[0 .. $#l - 1] : @l[1 .. $#l];
    push @bad, sprintf("page %d has nothing but its number", $i + 1)
        unless grep { /\S/ } @body;
    if ($numline =~ /(?:^| )#([A-J]+)$/ && length($numline) == $cells) {
        my $n = join '', map { $digit{$_} } split //, $1;
        push @bad, sprintf("page %d is numbered %d", $i + 1, $n) if $n != $i + 1;
    } else {
        push @bad, sprintf("page %d: no page number at cell %d of its %s line ('%s')",
                           $i + 1, $cells, $where eq 'bottom' ? 'last' : 'first', $numline);
    }
}
print "$_\n" for @bad;
print "pages ", scalar @pages, "\n";
exit(@bad ? 1 : 0);
