#!/usr/bin/perl
# gen.pl - a fictional town's week as Meeting Guide JSON, for the capacity tests: N
# in-person meetings and M online ones (Zoom links with a meeting ID and passcode, and a
# dial-in), spread over the week, every one a distinct row (no repeats to merge).  Names,
# venues and streets are realistic lengths; phone numbers are Ofcom drama numbers,
# links are fictional Zoom IDs.  Deterministic: the same N and M give the same bytes.
#   gen.pl N M [TOWN]
use strict;
use warnings;
use JSON::PP;

my ($n, $m, $town) = @ARGV;
die "usage: gen.pl N M [TOWN]\n" unless defined $m;
$town //= 'Newport';
my @names = ('Serenity', 'New Beginnings', 'Keep It Simple', 'Big Book Study',
             'Step Study', 'Women Together', 'Lunchtime Group', 'Friday Night Live',
             'Early Risers', 'Living Sober', 'Just for Today', 'Hope Group');
my @venues = ('St Mary\'s Church Hall', 'Riverside Community Centre', 'Central Library',
              'Friends Meeting House', 'Baptist Chapel Vestry', 'Youth Centre');
my @streets = ('Commercial Street', 'Bridge Street', 'Station Road', 'High Street',
               'Church Lane', 'Park Avenue');
my @types = (['O', 'D'], ['C', 'ST'], ['O', 'W'], ['O', 'X'], ['C', 'B'], ['O', 'Y']);
my @out;
for my $i (0 .. $n + $m - 1) {
    my $online = $i >= $n;
    my $k = $online ? $i - $n : $i;
    my $day = ($k * 3) % 7;
    my $hour = 10 + ($k * 5) % 11;
    my %r = (
        name => ($online ? 'Online ' : "$town ") . $names[$k % @names] .
                ($k >= @names ? ' ' . (1 + int($k / @names)) : ''),
        day => $day + 0,
        time => sprintf('%02d:%02d', $hour, $k % 2 ? 30 : 0),
        end_time => sprintf('%02d:%02d', $hour + 1, $k % 2 ? 30 : 0),
        types => $types[$k % @types],
        region => $town,
    );
    if ($online) {
        my $id = sprintf('8%02d%04d%04d', $k, 1000 + $k * 7, 2000 + $k * 13);
        $r{conference_url} = "https://zoom.us/j/$id?pwd=RmljdGlvbmFs${k}UGFzc2NvZGU.1";
        $r{conference_phone} = sprintf('+441632960%03d,,%s#', 100 + $k, $id);
        $r{attendance_option} = 'online';
    } else {
        $r{location} = $venues[$k % @venues];
        $r{formatted_address} = sprintf('%d %s, %s NP%d %dZ%s, UK', 1 + ($k * 7) % 90,
                                        $streets[$k % @streets], $town, 10 + $k % 10,
                                        1 + $k % 9, chr(65 + $k % 26));
        $r{attendance_option} = 'in_person';
    }
    push @out, \%r;
}
print JSON::PP->new->canonical->pretty->encode(\@out);
