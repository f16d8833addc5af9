#!/usr/bin/perl
# struct.pl - print a tagged PDF's structure tree, one element per line, indented by depth:
# the element types (with --alt, the alt text of Figure and Link elements).  Reads
# `qpdf --json=2` (qpdf >= 11), which follows incremental updates.
#   struct.pl FILE.pdf            the tree (types only)
#   struct.pl --alt FILE.pdf      Figure and Link elements with their /Alt
# The tree is what a screen reader walks: tests check its shape (a list per day, an item
# per meeting, the QR Figure inside its Link).
use strict;
use warnings;
use JSON::PP;

my $alt = 0;
if (@ARGV && $ARGV[0] eq '--alt') { $alt = 1; shift; }
my $pdf = shift or die "usage: struct.pl [--alt] FILE.pdf\n";
open(my $fh, '-|', 'qpdf', '--json=2', '--json-key=qpdf', '--decode-level=none', $pdf)
    or die "qpdf: $!\n";
my $json = do { local $/; <$fh> };
close($fh);
my $doc = JSON::PP->new->decode($json);
my $objs = $doc->{qpdf}[1];
my %obj;
for my $k (keys %$objs) {
    my $v = $objs->{$k};
    $v = $v->{value} if ref $v eq 'HASH' && exists $v->{value};
    (my $id = $k) =~ s/^obj:(\d+) \d+ R$/$1/;
    $obj{$id} = $v;
}
sub deref { my ($x) = @_; return ($x // '') =~ /^(\d+) \d+ R$/ ? $obj{$1} : $x; }
my ($root) = grep { ref $_ eq 'HASH' && ($_->{'/Type'} // '') eq '/Catalog' } values %obj;
my $tree = deref($root->{'/StructTreeRoot'}) or die "no /StructTreeRoot\n";

sub walk {
    my ($e, $depth) = @_;
    $e = deref($e);
    return unless ref $e eq 'HASH';
    if (($e->{'/Type'} // '') eq '/StructElem' || exists $e->{'/S'}) {
        my $s = $e->{'/S'} // '?';
        $s =~ s{^/}{};
        my $line = ('  ' x $depth) . $s;
        if ($alt && ($s eq 'Figure' || $s eq 'Link')) {
            my $a = $e->{'/Alt'} // '';
            $a =~ s/^u://;
            $line .= " alt=\"$a\"";
        }
        print "$line\n";
        $depth++;
    }
    my $k = $e->{'/K'};
    return unless defined $k;
    for my $kid (ref $k eq 'ARRAY' ? @$k : ($k)) {
        my $d = deref($kid);
        walk($kid, $depth) if ref $d eq 'HASH' && (exists $d->{'/S'} || exists $d->{'/K'});
    }
}
walk($tree, 0);
