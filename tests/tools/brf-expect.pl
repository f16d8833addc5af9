#!/usr/bin/perl
# brf-expect.pl - does the braille say what the directory says?  Compares a BRF file with
# an independent reading of the input (mg-expect.pl: DAY <tab> "7pm to 8.30pm: Name" <tab>
# URL) using liblouis on its own (tests/tools/brf_louis):
#   - READING is the BRF back-translated with UEB, line for line ("=== page" per form feed);
#     it finds the day headings and each meeting's first line, which must start with the
#     meeting's whole time range ("7pm to 8.30pm:");
#   - each meeting's first lines must read back to its name, in the UEB reading or another
#     back:FILE reading (Polish names are brailled with the Polish table), or hold the
#     braille of its name in a fwd:FILE (the braille of each name in NAMES, line for line,
#     in one table: Welsh contracted braille does not read back to the same letters).
# Each (day, meeting) must be under that day's heading ("Every day" for a meeting on all
# seven days).  Also: no phone number, meeting ID (NUMBERS: digits, one per line) or
# postcode (POSTCODES) that is printed anywhere is split across lines.
#   brf-expect.pl [--bottom] EXPECT NUMBERS POSTCODES BRF READING NAMES back:FILE|fwd:FILE...
# (--bottom: the page numbers are on each page's last line, not its first)
# Prints one line per problem and a summary "found N of M"; exit 0 when all are found.
use strict;
use warnings;

my $bottom = @ARGV && $ARGV[0] eq '--bottom' ? shift @ARGV : undef;
my ($expect, $numbers, $postcodes, $brf, $reading, $names, @more) = @ARGV;
my @backs = map { substr($_, 5) } grep { /^back:/ } @more;
my @fwd = map { substr($_, 4) } grep { /^fwd:/ } @more;
binmode(STDOUT, ':utf8');

sub slurp_lines {
    my ($f, $raw) = @_;
    open(my $fh, $raw ? '<:raw' : '<:encoding(UTF-8)', $f) or die "$f: $!\n";
    my @l = <$fh>;
    chomp @l;
    return \@l;
}

# squeeze: lower case, no blanks, typographic apostrophes as ASCII
sub sq {
    my ($s) = @_;
    $s = lc $s;
    $s =~ s/[\x{2019}\x{2018}]/'/g;
    $s =~ s/\s+//g;
    return $s;
}

my $en = slurp_lines($reading);
my @readings = ($en, map { slurp_lines($_) } @backs);
for my $r (@readings) {
    die "the readings differ in length\n" if @$r != @$en;
}
my @cells;   # the BRF, line for line with the reading
{
    open(my $fh, '<:raw', $brf) or die "$brf: $!\n";
    my $data = do { local $/; <$fh> };
    for my $page (split /\f/, $data) {
        push @cells, split(/\r\n/, $page);
        push @cells, '=== page';
    }
}
die sprintf("BRF has %d lines, the reading %d\n", scalar @cells, scalar @$en)
    if @cells != @$en;

my %braille_of;   # name -> [its braille in each table, blanks removed]
{
    my $n = slurp_lines($names);
    my @f = map { slurp_lines($_, 1) } @fwd;
    for my $i (0 .. $#$n) {
        push @{ $braille_of{$n->[$i]} }, map { (my $c = $_->[$i] // '') =~ s/ //g; $c } @f;
    }
}

# Walk the reading: the first line of each page is the page-number line (the last, with
# --bottom); day headings are indented lines that say only a day, at the top of a page or
# after a blank line, with a blank line after them; meetings start at cell 1 with a time.
my %is_day = map { $_ => 1 } qw(Monday Tuesday Wednesday Thursday Friday Saturday Sunday),
                             'Every day';
my (%headers, $section, @bad);
my ($first, $top) = (1, 1);
my $time = qr/(?:\d{1,2}(?:\.\d\d)?(?:am|pm)|noon|midnight|\d\d:\d\d)/;
for (my $i = 0; $i < @$en; $i++) {
    my $line = $en->[$i];
    if ($line eq '=== page') { $first = $top = 1; next; }
    if ($bottom ? $i + 1 < @$en && $en->[$i + 1] eq '=== page' : $first) { $first = 0; next; }
    $first = 0;
    my $alone = ($top || $en->[$i - 1] eq '') && $i + 1 < @$en && $en->[$i + 1] eq '';
    $top = 0;
    (my $t = $line) =~ s/^\s+|\s+$//g;
    if ($alone && $line =~ /^\s{2,}\S/) {
        if ($is_day{$t}) {
            # a heading is never the last thing on a page
            my $k = $i + 1;
            $k++ while $k < @$en && $en->[$k] eq '';
            push @bad, "heading '$t' alone at the end of a page"
                if $k >= @$en || $en->[$k] eq '=== page' ||
                   ($bottom && $k + 1 < @$en && $en->[$k + 1] eq '=== page');
        }
        $section = $t if $is_day{$t};
        $section = undef if $t =~ /^(Helplines and contact|Contact|Online meetings)$/;
        next;
    }
    next unless defined $section && $line =~ /^$time to $time:/;
    # the first line and its runovers (cell 5), on over a page break if the block is split
    my $c = $cells[$i];
    my @texts = map { $_->[$i] } @readings;
    for (my $k = $i + 1; $k < @cells; $k++) {
        if ($cells[$k] eq '=== page') {
            $k += $bottom ? 0 : 1;                     # the page-number line
            $k++ if $k + 1 < @cells && $en->[$k + 1] =~ /\(continued\)\s*$/;
            next;
        }
        last if $bottom && $k + 1 < @cells && $cells[$k + 1] eq '=== page';
        last unless $cells[$k] =~ /^    \S/;
        $c .= $cells[$k];
        $texts[$_] .= ' ' . $readings[$_][$k] for 0 .. $#readings;
    }
    $c =~ s/ //g;
    push @{ $headers{$section} },
        { first => sq($line), cells => $c, texts => [map { sq($_) } @texts] };
}

my (@want, %ndays);
open(my $fh, '<:encoding(UTF-8)', $expect) or die "$expect: $!\n";
while (<$fh>) {
    chomp;
    my ($day, $entry) = split /\t/;
    push @want, [$day, $entry];
    $ndays{$entry}++;
}
my ($found, %by_braille) = (0);
for my $w (@want) {
    my ($day, $entry) = @$w;
    my $sect = $ndays{$entry} == 7 ? 'Every day' : $day;
    my ($times, $name) = $entry =~ /^(.*?:) (.*)$/;
    my ($st, $sn) = (sq($times), sq($name));
    my @forms = grep { length } @{ $braille_of{$name} || [] };
    my $ok = 0;
    for my $h (@{ $headers{$sect} || [] }) {
        next unless index($h->{first}, $st) == 0;
        $ok = grep { index($_, $sn) >= 0 } @{ $h->{texts} };
        if (!$ok && grep { index($h->{cells}, $_) >= 0 } @forms) {
            $ok = 1;
            $by_braille{$name} = 1;
        }
        last if $ok;
    }
    if ($ok) { $found++ } else { push @bad, "not under $sect: $entry" }
}

# numbers and postcodes: wherever they are printed, on one line
my @lines = grep { $_ ne '=== page' } @$en;
my $all_digits = join("\n", @lines);
$all_digits =~ s/[^0-9\n]//g;
(my $flat = $all_digits) =~ s/\n//g;
my @digit_lines = split /\n/, $all_digits;
my $checked = 0;
for my $n (@{ slurp_lines($numbers) }) {
    next unless length $n && index($flat, $n) >= 0;
    $checked++;
    push @bad, "number $n split across lines" unless grep { index($_, $n) >= 0 } @digit_lines;
}
my $alltext = join("\n", @lines);
(my $flattext = $alltext) =~ s/\s+//g;
for my $p (@{ slurp_lines($postcodes) }) {
    (my $pq = $p) =~ s/\s+//g;
    next unless length $pq && index($flattext, $pq) >= 0;
    $checked++;
    push @bad, "postcode $p split across lines" unless grep { index($_, $p) >= 0 } @lines;
}
print "$_\n" for @bad;
print "by braille: $_\n" for sort keys %by_braille;
printf "found %d of %d; %d numbers and postcodes whole\n", $found, scalar @want, $checked;
exit(@bad ? 1 : 0);
