#!/usr/bin/perl
# expect.pl - an independent reading of a Meeting Guide JSON file (JSON::PP, Perl core):
# every occurrence a poster must show, one line per (day, meeting):
#   DAY <tab> START <tab> NAME <tab> URL
# DAY is "Monday"..., START as UK print style ("7pm", "7.30pm", "noon").  Temporarily
# closed meetings are left out unless they also meet online, as signpost leaves them out.
#   expect.pl FILE.json [REGION]
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

binmode(STDOUT, ':utf8');
for my $m (@$data) {
    my @types = map { uc } @{ $m->{types} || [] };
    my $att = $m->{attendance_option} // '';
    next if (grep { $_ eq 'TC' } @types) &&
            !(($att eq 'online' || $att eq 'hybrid') && $m->{conference_url});
    next if $att eq 'inactive';
    next if defined $region && ($m->{region} // '') ne $region &&
            ($m->{sub_region} // '') ne $region;
    my $d = $m->{day};
    my $name = $m->{name};
    $name =~ s/&amp;/&/g; $name =~ s/&#0?39;|&rsquo;/'/g;
    for my $x (ref $d eq 'ARRAY' ? @$d : ($d)) {
        my $n = $x =~ /^\d+$/ ? $x : $dayno{lc $x};
        next unless defined $n;
        print join("\t", $days[$n], uk(hm($m->{time})), $name, $m->{conference_url} // ''), "\n";
    }
}
