#!/bin/sh
# The catalogues (issue 12): every shipped language has every message of the template,
# none untranslated or fuzzy, msgfmt --check clean, and says in its header whether a
# native speaker has checked it (docs/standards.md, Languages L4).
set -u
. tests/lib.sh

langs=$(sed -n 's/^    { "\([a-z][a-z]\)", .*/\1/p' src/base/i18n.c | grep -v '^en$' | tr '\n' ' ')
is "$langs" "cy de pl ur pa bn ar fa " "the shipped languages, from src/base/i18n.c"
total=$(msgattrib --no-obsolete po/signpost.pot 2>/dev/null | grep -c '^msgid ')
total=$((total - 1))  # less the header
[ "$total" -gt 300 ]; ok $? "the template has the messages ($total)"
for l in $langs; do
    po=po/$l.po
    [ -f "$po" ] || { ok 1 "$po exists"; continue; }
    msgfmt --check -o /dev/null "$po" 2>"$TMP/err"; ok $? "$l: msgfmt --check clean"
    stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
    is "$stats" "$total translated messages." "$l: every message translated, none fuzzy"
    msgcmp "$po" po/signpost.pot 2>"$TMP/err"; ok $? "$l: no message of the template missing"
    [ -s "$TMP/err" ] && diag "$(head -n 3 "$TMP/err")"
    grep -q '^"X-Checked-By-Native-Speaker: ' "$po"; ok $? "$l: the header says whether a native speaker checked it"
done
# the template is the sources' (a message added to the code and not to the catalogues
# would print in English): extracted again, it has the same messages
make -s pot-extract POT_OUT="$TMP/now.pot" > /dev/null 2>&1
ids() { msgattrib --no-obsolete --no-wrap "$1" 2>/dev/null | grep -A1 '^msgctxt\|^msgid ' |
        grep -v '^--$\|^msgstr' | paste -sd'\n' | sort; }
[ -s "$TMP/now.pot" ] && [ "$(ids "$TMP/now.pot")" = "$(ids po/signpost.pot)" ]
ok $? "po/signpost.pot has every message of the sources (make pot after changing words)"
# the check can fail: a catalogue with one message dropped
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR != 5' po/de.po > "$TMP/short.po"
! msgcmp "$TMP/short.po" po/signpost.pot 2>/dev/null; ok $? "a catalogue short of a message is found"
done_testing
