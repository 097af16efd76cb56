#!/usr/bin/env bash
# test/meta.sh — META.json against the PGXN Meta Spec 1.0.0 (the parts a
# release is refused for) and against the extension itself: one "ok - ..."
# or "not ok - ..." line per check.  Perl's core JSON::PP reads it, so it
# needs nothing that pg_prove does not already need.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
perl -MJSON::PP -e '
	use strict; use warnings;
	my $ok = 1;
	sub check { my ($cond, $what) = @_; print(($cond ? "ok" : "not ok"), " - META.json: $what\n"); $ok &&= $cond; }
	open my $fh, "<", "META.json" or do { print "not ok - META.json: cannot be read\n"; exit 1 };
	my $meta = eval { local $/; JSON::PP->new->decode(<$fh>) };
	check(defined $meta, "is valid JSON") or exit 1;
	my $semver = qr/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+)?$/;
	my @required = qw(name abstract maintainer license provides meta-spec version);
	check(!(grep { !exists $meta->{$_} } @required), "has every required key (@required)");
	my %known = map { $_ => 1 } (@required, qw(description generated_by tags prereqs resources no_index release_status));
	my @unknown = grep { !$known{$_} && !/^[xX]_/ } keys %$meta;
	check(!@unknown, "has no key the spec does not define" . (@unknown ? " (@unknown)" : ""));
	check(($meta->{"meta-spec"}{version} // "") eq "1.0.0", "meta-spec version 1.0.0");
	check(scalar(($meta->{version} // "") =~ $semver), "version is semantic ($meta->{version})");
	my %licenses = map { $_ => 1 } qw(agpl_3 apache_1_1 apache_2_0 artistic_1 artistic_2 bsd freebsd gfdl_1_2 gfdl_1_3 gpl_1 gpl_2 gpl_3 lgpl_2_1 lgpl_3_0 mit mozilla_1_0 mozilla_1_1 openssl perl_5 postgresql qpl_1_0 ssleay sun zlib open_source restricted unrestricted unknown);
	check($licenses{$meta->{license} // ""}, "license is one the spec names ($meta->{license})");
	check(-f "LICENSE", "the LICENSE file exists");
	check(ref $meta->{maintainer} eq "ARRAY" || !ref $meta->{maintainer}, "maintainer is a string or a list");
	open my $cf, "<", "s22a.control" or die;
	my ($control) = map { /^default_version\s*=\s*\x27([^\x27]+)\x27/ ? $1 : () } <$cf>;
	my $ext = $meta->{provides}{s22a} // {};
	check(scalar(($ext->{version} // "") =~ $semver), "provides s22a with a semantic version");
	check(scalar(($ext->{version} // "") =~ /^\Q$control\E(\.0)?$/), "provides s22a at the control file'"'"'s default_version ($control)");
	check(($meta->{version} // "") eq ($ext->{version} // ""), "the distribution version is the extension'"'"'s");
	check(($ext->{file} // "") eq "sql/s22a--$control.sql", "provides s22a from sql/s22a--$control.sql");
	my $pg = $meta->{prereqs}{runtime}{requires}{PostgreSQL} // "";
	check(scalar($pg =~ $semver), "requires a PostgreSQL version ($pg)");
	open $cf, "<", "s22a.control" or die;
	my ($requires) = map { /^requires\s*=\s*\x27([^\x27]+)\x27/ ? $1 : () } <$cf>;
	for my $r (split /\s*,\s*/, $requires // "") {
		check(exists $meta->{prereqs}{runtime}{requires}{$r}, "lists the control file'"'"'s requirement $r");
	}
	exit($ok ? 0 : 1);
'
