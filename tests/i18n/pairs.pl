#!/usr/bin/perl
# pairs.pl - a bilingual output's fixed texts, first language first.
#   pairs.pl LANG.po BILINGUAL.txt ENGLISH.txt DATA...
# For every msgid of LANG.po (no placeholders, capitalised, 4 characters or more, translated
# differently) found in the English output's text and not in the data files (those words
# are the data's own), the translation must be in the bilingual text, before the English.
# Texts with whitespace squeezed to single spaces.  Prints the count checked, then each
# msgid that fails, one a line.
use strict;
use warnings;

my ($po, $bi, $en, @data) = @ARGV;
sub slurp { local $/; open(my $f, '<:raw', $_[0]) or die "$_[0]: $!\n"; return <$f>; }
my ($t, $e, $d) = (slurp($bi), slurp($en), join('', map { slurp($_) } @data));
my ($n, @bad) = (0);
for (split /\n\n+/, slurp($po)) {
    next if /^msgctxt/m && !/^msgctxt "(weekday|day)/m;
    my ($id) = /^msgid "(.+)"$/m or next;
    my ($str) = /^msgstr "(.+)"$/m or next;
    next if $id eq $str || $id =~ /[{}%\\]/ || length($id) < 4;
    next unless $id =~ /^[A-Z]/;  # a text of its own, not a word used inside others ("week")
    next if index($e, $id) < 0 || index($d, $id) >= 0;
    $n++;
    my ($i, $j) = (index($t, $str), index($t, $id));
    push @bad, $id if $i < 0 || $j < 0 || $i > $j;
}
print "$n\n", map { "$_\n" } @bad;
