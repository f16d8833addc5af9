/*
 * run.h - carry out one parsed command: load the directory, select, compose, write.
 * The only module that sees every stage.
 *
 * Owns: everything it loads, until it returns.  Must not: exit or print to stderr
 * (problems and warnings go to diag; main.c prints them).  Command output (the check
 * summary, the layout list, a plan dump) goes to stdout.
 */
#ifndef SP_RUN_H
#define SP_RUN_H

#include "base/error.h"
#include "cli.h"

struct sp_compose_in;

/* Returns 0, or -1 with *err set.  argv0 helps find the data folder. */
int sp_run(const struct sp_options *o, const char *argv0, struct sp_diag *diag,
           struct sp_error *err);

/* Commands, in their own files. */
int sp_cmd_check(const struct sp_options *o, struct sp_diag *diag, struct sp_error *err);
int sp_cmd_layouts(const struct sp_options *o, const char *datadir, struct sp_error *err);
int sp_cmd_render(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                  struct sp_error *err);
int sp_cmd_kiosk(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                 struct sp_error *err);
int sp_cmd_board(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                 struct sp_error *err);

struct sp_settings;
struct sp_langs;

/*
 * Check the settings file's links (directory-url) with the rules data links get
 * (input/links.h): a refused link is an error naming path:line:col, the key and the reason;
 * an accepted one is replaced by its safe form (the one data links use).  path may be
 * NULL (no settings file: nothing to check).  Returns 0, or -1 with SP_ERR_INPUT.
 */
int sp_run_check_settings(const char *path, struct sp_settings *s, struct sp_arena *a,
                          struct sp_error *err);

/*
 * Braille (issue 14; cmd_braille.c): compose in (a layout of kind braille) with the
 * table from --braille-table or the layout, and write path (.brf, .pef or .txt) or, with
 * --dump-plan, the pages in Unicode braille to stdout.  Returns 0, or -1 with *err.
 */
int sp_cmd_braille_one(const struct sp_options *o, const struct sp_compose_in *in,
                       const char *path, struct sp_error *err);

/* Whether path names a braille file (.brf, .pef, .txt). */
bool sp_cmd_braille_path(const char *path);

/*
 * The output language(s) of a command: --lang, else the settings' lang, else English (UK);
 * the catalogues are read from <datadir>/locale and set for sp_tr() (base/i18n.h).
 * Returns 0, or -1 with *err: a language signpost has no words in (SP_ERR_INPUT for the
 * settings' lang; --lang is checked when parsed), or a catalogue missing from datadir
 * (SP_ERR_RESOURCE).  *out (may be NULL) gets the languages.
 */
int sp_run_languages(const struct sp_options *o, const struct sp_settings *s,
                     const char *datadir, struct sp_langs *out, struct sp_error *err);

/* Temporarily closed meetings of dir that the selection would show but for
   --include-closed (0 with it): check counts them, render says it left them out. */
size_t sp_run_closed_left_out(const struct sp_options *o, const struct sp_directory *dir);

/* Load every input of o into dir (arena a); problems go to diag.  A web address (or
   --bmlt ROOT) is fetched, or with o->offline read from its saved copy (input/feed.h);
   dir->data_date says how current the feeds' data is. */
int sp_run_load(const struct sp_options *o, struct sp_directory *dir, struct sp_arena *a,
                struct sp_diag *diag, struct sp_error *err);

/*
 * For a watch loop: a watcher over every feed among o's inputs, polling every
 * --poll-interval (input/feed.h: sp_feed_refresh, sp_feed_watch_due, sp_feed_watch_free).
 * NULL when no input is a feed (err untouched), or on a bad address (err set).
 */
struct sp_feed_watch;
struct sp_feed_watch *sp_run_feed_watch(const struct sp_options *o, time_t now,
                                        struct sp_error *err);

/* Make the folder of an output file (as a user asking for posters/poster.pdf expects).
   Returns 0, or -1 with SP_ERR_IO naming the folder. */
int sp_run_make_parent(const char *path, struct sp_error *err);

#endif
