#!/usr/bin/perl
# english.pl - words of signpost's own English text left in a translated output.
#   english.pl LANG.po TEXT DATA...
# The words are those of the msgids that LANG.po translates differently, less any word
# that a translation of LANG.po also uses ("Online", "Zoom") and any word of the data
# files (meeting names and places are the data's own words, in the data's language).
# Prints each such word found in TEXT (pdftotext output, or any text), one a line.
use strict;
use warnings;

my ($po, $text, @data) = @ARGV;
sub slurp { local $/; open(my $f, '<:raw', $_[0]) or die "$_[0]: $!\n"; return <$f>; }
sub words { my %w; $w{lc $1} = 1 while $_[0] =~ /([A-Za-z][a-z]{2,})/g; return \%w; }

# the catalogue's entries: msgid (and plural) against msgstr(s)
my (%en, %tr);
for my $entry (split /\n\n+/, slurp($po)) {
    my %f;
    my $key;
    for my $line (split /\n/, $entry) {
        next if $line =~ /^#/;
        if ($line =~ /^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$/) {
            $key = $1;
            $f{$key} = $2;
        } elsif ($line =~ /^"(.*)"$/ && defined $key) {
            $f{$key} .= $1;
        }
    }
    next unless defined $f{msgid} && $f{msgid} ne '';
    my @ids = grep { defined } @f{qw(msgid msgid_plural)};
    my @strs = map { $f{$_} } grep { /^msgstr/ } sort keys %f;
    my $same = grep { my $s = $_; grep { $_ eq $s } @ids } @strs;
    next if $same;  # translated as itself: the same word in both languages
    for (@ids) {
        (my $t = $_) =~ s/\{\d\}|%\S+|\\[nt]//g;
        $en{$_} = 1 for keys %{ words($t) };
    }
    $tr{$_} = 1 for map { keys %{ words($_) } } @strs;
}
my %skip = %tr;
$skip{$_} = 1 for map { keys %{ words(slurp($_)) } } @data;
my $found = words(slurp($text));
print "$_\n" for sort grep { $en{$_} && !$skip{$_} } keys %$found;
