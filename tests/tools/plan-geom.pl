#!/usr/bin/perl
# plan-geom.pl - check a --dump-plan on standard input: no two text lines overlap, no text
# overlaps a QR code, QR codes do not overlap each other, every item lies inside the
# page less MARGIN mm, and every QR is at least QRMIN mm wide.
#   plan-geom.pl [--margin MM] [--qr-min MM] < plan.txt
# Prints one "problem:" line per fault and a summary "pages P, texts T, qrs Q".
use strict;
use warnings;
use Getopt::Long;

my ($margin, $qrmin) = (0, 0);
GetOptions('margin=f' => \$margin, 'qr-min=f' => \$qrmin) or die "usage\n";
my ($W, $H, $page, @boxes, @problems, $bleed);
my ($npages, $ntext, $nqr) = (0, 0, 0);
my $pt = 72 / 25.4;

sub check_page {
    for my $i (0 .. $#boxes) {
        for my $j ($i + 1 .. $#boxes) {
            my ($a, $b) = ($boxes[$i], $boxes[$j]);
            my $ox = (($a->[2] < $b->[2]) ? $a->[2] : $b->[2]) - (($a->[0] > $b->[0]) ? $a->[0] : $b->[0]);
            my $oy = (($a->[3] < $b->[3]) ? $a->[3] : $b->[3]) - (($a->[1] > $b->[1]) ? $a->[1] : $b->[1]);
            push @problems, "page $page: '$a->[4]' overlaps '$b->[4]'" if $ox > 0.5 && $oy > 0.5;
        }
    }
    @boxes = ();
}

while (my $l = <STDIN>) {
    if ($l =~ /^plan ([\d.]+) x ([\d.]+)/) {
        ($W, $H) = ($1, $2);
    } elsif ($l =~ /^page (\d+)/) {
        check_page() if defined $page;
        $page = $1;
        $npages++;
    } elsif ($l =~ /^  (text|qr) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)(.*)$/) {
        my ($kind, $x, $y, $w, $h, $rest) = ($1, $2, $3, $4, $5, $6);
        my $label = $kind eq 'text' ? ($rest =~ /"(.*)"$/ ? $1 : '?') : "QR at $x,$y";
        $kind eq 'text' ? $ntext++ : $nqr++;
        push @boxes, [$x, $y, $x + $w, $y + $h, $label];
        my $m = $margin * $pt;
        push @problems, "page $page: '$label' is within $margin mm of the edge"
            if $x < $m - 0.01 || $y < $m - 0.01 || $x + $w > $W - $m + 0.01 || $y + $h > $H - $m + 0.01;
        push @problems, sprintf("page %d: QR %.1f mm wide, under %g mm", $page, $w / $pt, $qrmin)
            if $kind eq 'qr' && $qrmin && $w / $pt < $qrmin - 0.01;
    }
}
check_page() if defined $page;
print "problem: $_\n" for @problems;
print "pages $npages, texts $ntext, qrs $nqr\n";
exit(@problems ? 1 : 0);
