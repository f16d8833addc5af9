#!/usr/bin/perl
# occurrences.pl - check that every occurrence of a meeting (expect.pl's lines) is on a
# timetable poster, read with `mutool draw -F stext` in content order.  The text is cut
# into sections at the headings (lines at the heading size: "Monday", "Monday
# (continued)", and the merged rows' "Several days a week" or "Every day").  An
# occurrence (day, time, name) is found when its day's section has "TIME NAME", or a
# merged section has "TIME DAYS: NAME" whose DAYS ("Monday to Friday", "Monday, Wednesday
# and Friday", "Every day") include the day.  A line that ends in "-" joins the next
# without a space (pango breaks after a hyphen: "Ar-" "lein").
#   occurrences.pl --heading PT POSTER.pdf EXPECTED.tsv
# Prints one line per occurrence missing and a count; exits 1 when any is missing.
use strict;
use warnings;
use Getopt::Long;

my $heading = 0;
GetOptions('heading=f' => \$heading) or die "usage\n";
my ($pdf, $exp) = @ARGV;
my @days = qw(Sunday Monday Tuesday Wednesday Thursday Friday Saturday);
my %dayno = map { $days[$_] => $_ } 0 .. 6;
my $dayre = join('|', @days);

# lines of the PDF in content order, with the size of their first font
open(STDERR_SAVE, '>&', \*STDERR);
open(STDERR, '>', '/dev/null');
open(my $fh, '-|', 'mutool', 'draw', '-F', 'stext', '-o', '-', $pdf) or die "mutool: $!\n";
open(STDERR, '>&', \*STDERR_SAVE);
binmode($fh, ':utf8');
my (@lines, $cur);
while (my $l = <$fh>) {
    if ($l =~ /<line /) {
        $cur = { size => 0, text => '' };
        push @lines, $cur;
    } elsif ($l =~ /<font name="[^"]*" size="([\d.]+)"/ && $cur && !$cur->{size}) {
        $cur->{size} = $1;
    } elsif ($l =~ /<char .* c="([^"]*)"/ && $cur) {
        my $c = $1;
        $c =~ s/&quot;/"/g; $c =~ s/&lt;/</g; $c =~ s/&gt;/>/g; $c =~ s/&apos;/'/g;
        $c =~ s/&#x([0-9a-fA-F]+);/chr(hex($1))/ge;
        $c =~ s/&amp;/&/g;
        $cur->{text} .= $c;
    }
}
close($fh);

my (%section, $sec);
for my $l (@lines) {
    my $text = $l->{text};
    $text =~ s/\x{a0}/ /g;
    $text =~ s/^\s+|\s+$//g;
    if (abs($l->{size} - $heading) < 0.05) {
        $text =~ s/ \(continued\)$//;
        $sec = $text =~ /^($dayre)$/ ? $1 : 'merged';
        next;
    }
    next unless defined $sec;
    my $s = $section{$sec} // '';
    $section{$sec} = ($s =~ /-$/ ? $s : "$s ") . $text;
}
$section{$_} =~ s/\s+/ /g for keys %section;

# "Monday to Friday", "Monday, Wednesday and Friday", "Every day" -> set of day numbers
sub days_of {
    my ($s) = @_;
    return { map { $_ => 1 } 0 .. 6 } if $s eq 'Every day';
    my %set;
    for my $part (split /, | and /, $s) {
        if ($part =~ /^($dayre) to ($dayre)$/) {
            my ($a, $b) = ($dayno{$1}, $dayno{$2});
            for (my $d = $a;; $d = ($d + 1) % 7) { $set{$d} = 1; last if $d == $b; }
        } elsif (exists $dayno{$part}) {
            $set{$dayno{$part}} = 1;
        } else {
            return undef;
        }
    }
    return \%set;
}

binmode(STDOUT, ':utf8');
open(my $e, '<:utf8', $exp) or die "$exp: $!\n";
my ($n, $bad, $merged) = (0, 0, 0);
while (my $l = <$e>) {
    chomp $l;
    my ($day, $time, $name) = split /\t/, $l;
    $n++;
    my $hay = $section{$day} // '';
    next if index($hay, "$time $name") >= 0;
    my $found = 0;
    my $m = $section{merged} // '';
    while ($m =~ /(?:^| )\Q$time\E ((?:$dayre|Every day)[^:]*): \Q$name\E/g) {
        my $set = days_of($1);
        if ($set && $set->{$dayno{$day}}) { $found = 1; $merged++; last; }
    }
    next if $found;
    print "# missing: $day $time $name\n";
    $bad++;
}
print "# $n occurrences checked ($merged in merged rows)\n";
exit($bad ? 1 : 0);
