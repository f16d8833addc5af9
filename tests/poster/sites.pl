#!/usr/bin/perl -n
# sites.pl PLAN - beside each panel code of a poster plan (--dump-plan), whole on one line,
# the site it opens ("zoom.us", not "zoom." and "us"): the first paragraph after the
# code's Link is that one line.  Prints "# N codes" and the problems; exits 1 on any.
next if /^  begin Link \[uri=\x27https:\/\/example.org\/meetings\x27/;  # the directory
if (/^  begin Link \[uri=\x27https?:\/\/([^\/:\x27?#]+)/) { $host = $1; next }
if (/^  end Link/ && defined $host) { $want = $host; undef $host; $state = 1; next }
if ($state == 1 && /^  text .*"(.*)"$/) { $got = $1; $state = 2; next }
if ($state == 2) {
    my @d = split /\./, $want;
    my $site = (@d > 2 && length($d[-1]) == 2 && length($d[-2]) <= 3)
               ? join(".", @d[-3 .. -1]) : join(".", @d[-2 .. -1]);
    $site = $want if $want =~ /^[\d.]+$/;
    $n++;
    if ($got ne $site || !/^  end P/) {
        print "# code for $want: site \"$got\"", (/^  end P/ ? "" : " (broken)"), "\n"; $bad++ }
    $state = 0;
}
END { print "# $n codes\n"; exit($bad || !$n ? 1 : 0) }
