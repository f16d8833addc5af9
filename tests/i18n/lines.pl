#!/usr/bin/perl
# lines.pl - the text lines of a PDF as mutool's stext sees them, one a line:
#   PAGE <tab> X0 <tab> Y0 <tab> X1 <tab> Y1 <tab> SIZES <tab> COLOUR <tab> TEXT
# SIZES is the font sizes of the line's characters, distinct, in order ("22" or "18,16");
# COLOUR the first character's ("#1a1a1a").
# Coordinates in points from the top left, rounded to 0.1.
#   lines.pl FILE.pdf
use strict;
use warnings;

my ($pdf) = @ARGV;
open(STDERR, ">", "/dev/null");  # mutool's notes (ICC), not text
open(my $fh, '-|', 'mutool', 'draw', '-q', '-F', 'stext', '-o', '-', $pdf)
    or die "mutool: $!\n";
binmode($fh, ':raw');
binmode(STDOUT, ':raw');
my ($page, @bbox, %seen, @sizes, $text, $size, $colour) = (0);
sub ent {
    my ($s) = @_;
    $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&quot;/"/g; $s =~ s/&apos;/'/g;
    $s =~ s/&#x([0-9a-fA-F]+);/my $c = chr(hex $1); utf8::encode($c); $c/ge;
    $s =~ s/&amp;/&/g;
    return $s;
}
while (my $l = <$fh>) {
    if ($l =~ /^<page /) { $page++; }
    elsif ($l =~ /^<line bbox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/) {
        @bbox = map { sprintf '%.1f', $_ } ($1, $2, $3, $4);
        %seen = (); @sizes = (); $text = ''; $colour = '';
    }
    elsif ($l =~ /^<font name="[^"]*" size="([\d.]+)"/) { $size = $1 + 0; }
    elsif ($l =~ /^<char .* color="([^"]*)" c="(.*)"\/>/) {
        push @sizes, $size unless $seen{$size}++;
        $colour ||= $1;
        $text .= ent($2);
        next;
    }
    elsif ($l =~ /^<\/line>/) {
        print join("\t", $page, @bbox, join(',', @sizes), $colour, $text), "\n";
    }
}
close($fh);
