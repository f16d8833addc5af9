#!/usr/bin/perl
# pdftext-geom.pl - measure the text of a PDF as it is on the page (mutool draw -F stext):
# every text line's box and font size.  Checks, each printed as one "problem:" line:
#   --floor PT     no character smaller than PT points (STANDARDS.md rows 2 and 5)
#   --margin MM    no text within MM millimetres of the sheet edge (row 37)
#   --overlap      no two text lines overlap (boxes may touch; 0.5 pt tolerance)
#   --italic       no italic or oblique font (row 7)
# Prints "lines N, min-size S" and exits 1 when there is a problem.
use strict;
use warnings;
use Getopt::Long;

my ($floor, $margin, $overlap, $italic) = (0, 0, 0, 0);
GetOptions('floor=f' => \$floor, 'margin=f' => \$margin, 'overlap' => \$overlap,
           'italic' => \$italic) or die "usage\n";
my $pdf = shift or die "usage: pdftext-geom.pl [checks] FILE.pdf\n";

# mutool warns on stderr about ICC support; only its XML matters here
open(STDERR_SAVE, '>&', \*STDERR);
open(STDERR, '>', '/dev/null');
open(my $fh, '-|', 'mutool', 'draw', '-F', 'stext', '-o', '-', $pdf) or die "mutool: $!\n";
open(STDERR, '>&', \*STDERR_SAVE);
my ($page, $w, $h, @lines, $cur, $size, $font, @problems);
my ($nlines, $minsize) = (0, 1e9);

sub finish_page {
    return unless defined $page;
    if ($overlap) {
        for my $i (0 .. $#lines) {
            for my $j ($i + 1 .. $#lines) {
                my ($a, $b) = ($lines[$i], $lines[$j]);
                my $ox = (($a->{x1} < $b->{x1}) ? $a->{x1} : $b->{x1}) -
                         (($a->{x0} > $b->{x0}) ? $a->{x0} : $b->{x0});
                my $oy = (($a->{y1} < $b->{y1}) ? $a->{y1} : $b->{y1}) -
                         (($a->{y0} > $b->{y0}) ? $a->{y0} : $b->{y0});
                push @problems, sprintf("page %d: lines overlap: '%s' and '%s'", $page,
                                        $a->{text}, $b->{text}) if $ox > 0.5 && $oy > 0.5;
            }
        }
    }
    @lines = ();
}

while (my $l = <$fh>) {
    if ($l =~ /<page id="page(\d+)" width="([\d.]+)" height="([\d.]+)"/) {
        finish_page();
        ($page, $w, $h) = ($1, $2, $3);
    } elsif ($l =~ /<line bbox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/) {
        $cur = { x0 => $1, y0 => $2, x1 => $3, y1 => $4, text => '' };
        push @lines, $cur;
        $nlines++;
        my $mm = $margin * 72 / 25.4;
        if ($margin && ($1 < $mm - 0.01 || $2 < $mm - 0.01 || $3 > $w - $mm + 0.01 ||
                        $4 > $h - $mm + 0.01)) {
            $cur->{edge} = 1;
        }
    } elsif ($l =~ /<font name="([^"]*)" size="([\d.]+)"/) {
        ($font, $size) = ($1, $2);
        $minsize = $size if $size < $minsize;
        push @problems, sprintf("page %d: text at %.1f pt, under the %.1f pt floor", $page,
                                $size, $floor) if $floor && $size < $floor - 0.01;
        push @problems, sprintf("page %d: italic font '%s'", $page, $font)
            if $italic && $font =~ /italic|oblique/i;
    } elsif ($l =~ /<char .* c="([^"]*)"/) {
        my $c = $1;
        $c =~ s/&quot;/"/g; $c =~ s/&lt;/</g; $c =~ s/&gt;/>/g; $c =~ s/&amp;/&/g;
        $c =~ s/&apos;/'/g;
        $cur->{text} .= $c if $cur;
    } elsif ($l =~ m{</line>} && $cur && $cur->{edge}) {
        push @problems, sprintf("page %d: text within %g mm of the edge: '%s'", $page,
                                $margin, $cur->{text});
    }
}
finish_page();
close($fh) or die "mutool failed on $pdf\n";
print "problem: $_\n" for @problems;
printf "lines %d, min-size %.1f\n", $nlines, $nlines ? $minsize : 0;
exit(@problems ? 1 : 0);
