#!/usr/bin/perl
# mg-expect.pl - an independent reading of a Meeting Guide JSON file (JSON::PP, Perl core),
# for checking what signpost prints.  One line per (day, meeting), in poster order
# (Monday first, then start time, then name):  DAY <tab> "7pm to 8.30pm: Name" <tab> URL
# Temporarily closed meetings (type TC, or attendance_option inactive) are left out, as
# signpost leaves them out, unless they also meet online.
#   mg-expect.pl FILE.json [REGION]
use strict;
use warnings;
use JSON::PP;

my ($file, $region) = @ARGV;
open(my $fh, '<:raw', $file) or die "$file: $!\n";
my $json = do { local $/; <$fh> };
$json =~ s/^\xEF\xBB\xBF//;
my $data = JSON::PP->new->utf8->decode($json);
my @days = qw(Sunday Monday Tuesday Wednesday Thursday Friday Saturday);
my %dayno = map { lc($days[$_]) => $_ } 0 .. 6;

sub hm {
    my ($t) = @_;
    return undef unless defined $t && $t ne '';
    if ($t =~ /^\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?\s*$/i) {
        my ($h, $m, $ap) = ($1, $2, $3);
        if ($ap) { $h %= 12; $h += 12 if $ap =~ /^p/i; }
        return $h * 60 + $m;
    }
    if ($t =~ /^\s*(\d{1,2})\s*([ap])\.?m\.?\s*$/i) {
        my $h = $1 % 12; $h += 12 if lc($2) eq 'p';
        return $h * 60;
    }
    return undef;
}

sub uk {
    my ($min) = @_;
    my ($h, $m) = (int($min / 60) % 24, $min % 60);
    return 'noon' if $h == 12 && $m == 0;
    return 'midnight' if $h == 0 && $m == 0;
    my $h12 = $h % 12 || 12;
    my $ap = $h < 12 ? 'am' : 'pm';
    return $m ? sprintf('%d.%02d%s', $h12, $m, $ap) : "$h12$ap";
}

my @out;
for my $m (@$data) {
    my @types = map { uc } @{ $m->{types} || [] };
    # TC closes the venue; an online or hybrid meeting with a link goes on online
    my $att = $m->{attendance_option} // '';
    next if (grep { $_ eq 'TC' } @types) &&
            !(($att eq 'online' || $att eq 'hybrid') && $m->{conference_url});
    next if ($m->{attendance_option} // '') eq 'inactive';
    next if defined $region && ($m->{region} // '') ne $region && ($m->{sub_region} // '') ne $region;
    my $d = $m->{day};
    my @d = ref $d eq 'ARRAY' ? @$d : ($d);
    my $start = hm($m->{time});
    my $end = hm($m->{end_time});
    $end = ($start + 60) % 1440 unless defined $end;
    my $name = $m->{name};
    $name =~ s/&amp;/&/g; $name =~ s/&#0?39;|&rsquo;/'/g;
    for my $x (@d) {
        my $n = $x =~ /^\d+$/ ? $x : $dayno{lc $x};
        next unless defined $n;
        push @out, [($n + 6) % 7, $start, $name,
                    sprintf("%s\t%s to %s: %s\t%s", $days[$n], uk($start), uk($end), $name,
                            $m->{conference_url} // '')];
    }
}
binmode(STDOUT, ':utf8');
print "$_->[3]\n" for sort { $a->[0] <=> $b->[0] || $a->[1] <=> $b->[1] || $a->[2] cmp $b->[2] } @out;
