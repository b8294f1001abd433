/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "perf/nmon.h"

/*
 * Feeds text to the nmon parser line by line, as nmon_read() does: a last
 * line without "\n" is reported as cut. Returns the parser's result.
 */
static int load_opt(struct dataset *ds, const char *text, const struct nmon_options *opt,
		    struct kerr *err)
{
	char *copy = strdup(text), *p = copy, *nl;
	struct nmon_parser *np;
	unsigned long lineno = 0;
	int rc = 0;

	ds_init(ds);
	np = nmon_parser_new(ds, "t.nmon", opt);
	while (*p) {
		lineno++;
		nl = strchr(p, '\n');
		if (!nl) {
			nmon_parser_cut_line(np, lineno);
			break;
		}
		*nl = '\0';
		if (nmon_parser_line(np, p, (size_t)(nl - p), lineno, err)) {
			rc = -1;
			break;
		}
		p = nl + 1;
	}
	if (!rc)
		rc = nmon_parser_finish(np, NULL, err);
	nmon_parser_free(np);
	free(copy);
	return rc;
}

static int load(struct dataset *ds, const char *text, struct kerr *err)
{
	return load_opt(ds, text, NULL, err);
}

static double val(const struct dataset *ds, const char *path, size_t row)
{
	long i = ds_find(ds, path);

	if (i < 0) {
		printf("    no metric '%s'\n", path);
		return -12345;
	}
	if (!ds->metrics[i].values || row >= ds->nsamples)
		return -12345;
	return ds->metrics[i].values[row];
}

static int has_warning(const struct dataset *ds, const char *needle)
{
	size_t i;

	for (i = 0; i < ds->nwarnings; i++)
		if (strstr(ds->warnings[i], needle))
			return 1;
	return 0;
}

/* 1 when some warning contains `needle`; shows the warnings there are when none does. */
static int warned(const struct dataset *ds, const char *needle)
{
	size_t i;

	if (has_warning(ds, needle))
		return 1;
	for (i = 0; i < ds->nwarnings; i++)
		printf("    warning: %s\n", ds->warnings[i]);
	return 0;
}

static char *iso(int64_t t)
{
	static char b[64];
	return time_format(b, sizeof(b), t, 0, TIME_ISO, 0);
}

#define LINUX_HEAD \
	"AAA,progname,nmon\n" \
	"AAA,host,web1\n" \
	"AAA,runname,web1\n" \
	"AAA,date,18-AUG-2015\n" \
	"AAA,snapshots,3\n" \
	"BBBP,000,/etc/release\n" \
	"CPU001,CPU 1 web1,User%,Sys%,Wait%,Idle%,Steal%\n" \
	"CPU_ALL,CPU Total web1,User%,Sys%,Wait%,Idle%,Steal%,Busy,CPUs\n" \
	"MEM,Memory MB web1,memtotal,memfree,swapfree\n" \
	"NET,Network I/O web1,lo-read-KB/s,virbr0-nic-read-KB/s,lo-write-KB/s,virbr0-nic-write-KB/s,\n" \
	"NETPACKET,Network Packets web1,lo-read/s,,virbr0-nic-read/s,,lo-write/s,,virbr0-nic-write/s,\n" \
	"DISKBUSY,Disk %Busy web1,sda,sdb\n" \
	"DISKBUSY1,Disk %Busy web1,sdc\n" \
	"DISKREAD,Disk Read KB/s web1,sda,sdb\n" \
	"JFSFILE,JFS Filespace %Used web1,/,/home\n" \
	"TOP,%CPU Utilisation\n" \
	"TOP,+PID,Time,%CPU,%Usr,%Sys,Size,ResSet,ResText,ResData,ShdLib,MinorFault,MajorFault,Command\n"

#define SNAP(n, time) \
	"ZZZZ,T000" #n "," time ",18-AUG-2015\n" \
	"CPU001,T000" #n ",1" #n ".0,2.0,0.0,80.0,0.0\n" \
	"CPU_ALL,T000" #n ",2" #n ".5,3.0,0.5,70.0,0.0,,4\n" \
	"MEM,T000" #n ",7867.0,10" #n ".5,-1.0\n" \
	"NET,T000" #n ",1.5,0.0,2.5,0.0\n" \
	"NETPACKET,T000" #n ",11.0,0.0,12.0,0.0\n" \
	"DISKBUSY,T000" #n ",5" #n ".0,1.0\n" \
	"DISKBUSY1,T000" #n ",9" #n ".0\n" \
	"DISKREAD,T000" #n ",100.0,200.0\n" \
	"JFSFILE,T000" #n ",40.0,50.0\n"

TEST(nmon_linux_mapping)
{
	struct dataset ds;
	struct kerr e;
	long i;

	CHECK(nmon_detect("AAA,progname,nmon", 17));
	CHECK(!nmon_detect("\"(PDH-CSV 4.0)", 14));
	CHECK_INT(load(&ds, LINUX_HEAD SNAP(1, "10:24:26") SNAP(2, "10:24:56")
		       "TOP,0015812,T0002,39.16,29.81,9.36,5255372,2162028,4700,4842924,21100,182,1,qemu-system-x86\n"
		       SNAP(3, "10:25:26")
		       "TOP,0015812,T0003,53.48,43.09,10.39,5255372,2164840,4700,4842924,21100,94,0,qemu-system-x86\n"
		       "TOP,0000073,T0003,0.17,0.00,0.17,0,0,0,0,0,0,0,kworker/u16:31\n", &e), 0);
	CHECK_STR(ds.format, "nmon");
	CHECK_INT(ds.nsamples, 3);
	CHECK_STR(iso(ds.times[0]), "2015-08-18T10:24:26Z");
	CHECK_STR(iso(ds.times[2]), "2015-08-18T10:25:26Z");
	CHECK_NEAR(val(&ds, "CPU/_Total/User%", 1), 22.5, 1e-12);
	CHECK_NEAR(val(&ds, "CPU/1/User%", 2), 13.0, 1e-12);
	/* nmon leaves CPU_ALL Busy empty: no metric is made of it */
	CHECK_INT(ds_find(&ds, "CPU/_Total/Busy"), -1);
	CHECK_NEAR(val(&ds, "MEM/memfree", 0), 101.5, 1e-12);
	/* -1 is nmon's "not available": a column of nothing else is left out */
	CHECK_INT(ds_find(&ds, "MEM/swapfree"), -1);
	CHECK(warned(&ds, "-1 or nan"));
	/* interfaces with '-' in their names, and the NETPACKET header with empty names */
	CHECK_NEAR(val(&ds, "Network/virbr0-nic/Read KB/s", 0), 0.0, 1e-12);
	CHECK_NEAR(val(&ds, "Network/lo/Write KB/s", 0), 2.5, 1e-12);
	CHECK_NEAR(val(&ds, "Network/lo/Read Packets/s", 0), 11.0, 1e-12);
	CHECK_NEAR(val(&ds, "Network/lo/Write Packets/s", 0), 12.0, 1e-12);
	CHECK_NEAR(val(&ds, "Network/virbr0-nic/Write Packets/s", 0), 0.0, 1e-12);
	/* DISKBUSY1 continues DISKBUSY */
	CHECK_NEAR(val(&ds, "Disk/sda/% Busy", 1), 52.0, 1e-12);
	CHECK_NEAR(val(&ds, "Disk/sdc/% Busy", 1), 92.0, 1e-12);
	CHECK_NEAR(val(&ds, "Disk/sdb/Read KB/s", 2), 200.0, 1e-12);
	CHECK_NEAR(val(&ds, "Filesystem//home/% Used", 0), 50.0, 1e-12);
	i = ds_find(&ds, "Disk/sda/% Busy");
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_STR(ds.metrics[i].object, "Disk");
		CHECK_STR(ds.metrics[i].instance, "sda");
		CHECK_STR(ds.metrics[i].counter, "% Busy");
		CHECK_STR(ds.metrics[i].unit, "%");
		CHECK_STR(ds.metrics[i].host, "web1");
	}
	i = ds_find(&ds, "MEM/memtotal");
	CHECK(i >= 0 && ds.metrics[i].unit && !strcmp(ds.metrics[i].unit, "MB"));
	/* TOP: one series per PID, named with the command, absent where not listed */
	CHECK(isnan(val(&ds, "Process/qemu-system-x86 (15812)/%CPU", 0)));
	CHECK_NEAR(val(&ds, "Process/qemu-system-x86 (15812)/%CPU", 1), 39.16, 1e-12);
	CHECK_NEAR(val(&ds, "Process/qemu-system-x86 (15812)/ResSet", 2), 2164840, 1e-12);
	CHECK_NEAR(val(&ds, "Process/kworker/u16:31 (73)/%Sys", 2), 0.17, 1e-12);
	i = ds_find(&ds, "Process/qemu-system-x86 (15812)/Size");
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_STR(ds.metrics[i].entity, "qemu-system-x86");
		CHECK_STR(ds.metrics[i].unit, "KB");
		CHECK_INT(ds.metrics[i].missing, 1);
	}
	CHECK_INT(ds_find(&ds, "Process/qemu-system-x86 (15812)/Command"), -1);
	ds_release(&ds);
}

TEST(nmon_sorted_file_reads_the_same)
{
	/* the file as `sort` leaves it: ZZZZ lines last, sections grouped */
	static const char sorted[] =
		"AAA,date,18-AUG-2015\n"
		"AAA,host,web1\n"
		"CPU_ALL,CPU Total web1,User%,Sys%\n"
		"CPU_ALL,T0001,10.0,1.0\n"
		"CPU_ALL,T0002,20.0,2.0\n"
		"CPU_ALL,T0003,30.0,3.0\n"
		"ZZZZ,T0001,23:59:00,18-AUG-2015\n"
		"ZZZZ,T0002,23:59:30,18-AUG-2015\n"
		"ZZZZ,T0003,00:00:00,19-AUG-2015\n";
	struct dataset ds;
	struct kerr e;

	CHECK_INT(load(&ds, sorted, &e), 0);
	CHECK_INT(ds.nsamples, 3);
	CHECK_STR(iso(ds.times[2]), "2015-08-19T00:00:00Z");
	CHECK_NEAR(val(&ds, "CPU/_Total/Sys%", 2), 3.0, 1e-12);
	CHECK_INT(ds.nwarnings, 0);
	ds_release(&ds);
}

TEST(nmon_aix_v8b_time_only)
{
	/* old AIX nmon: AAA,date is DD/MM/YY and ZZZZ lines carry only a time */
	static const char v8b[] =
		"AAA,progname,nmon64\n"
		"AAA,version,v8b\n"
		"AAA,host,aix1\n"
		"AAA,time,23:40.00\n"
		"AAA,date,31/12/10\n"
		"AAA,snapshots,4\n"
		"CPU_ALL,CPU Total aix1,User%,Sys%,Wait%,Idle%,Busy,CPUs\n"
		"MEM,Memory aix1,Real Free Virtual free Real free(MB),Virtual free(MB),Real total(MB),Virtual total(MB)\n"
		"DISKBUSY,Disk %Busy aix1,hdisk0,hdisk1,\n"
		"ZZZZ,T0001,23:40:04\n"
		"CPU_ALL,T0001,33.2,2.0,1.0,63.9,,18\n"
		"MEM,T0001,0.0,8.2,41.2,2770.8,4164864.0,33792.0\n"
		"DISKBUSY,T0001,1.0,2.0,0.0\n"
		"ZZZZ,T0002,23:50:04\n"
		"CPU_ALL,T0002,26.5,0.7,0.0,72.7,,18\n"
		"MEM,T0002,0.0,8.1,41.2,2761.5,4164864.0,33792.0\n"
		"DISKBUSY,T0002,3.0,4.0,0.0\n"
		"ZZZZ,T0003,00:00:04\n"
		"CPU_ALL,T0003,26.5,0.7,0.0,72.8,,18\n"
		"MEM,T0003,0.0,8.1,41.2,2761.5,4164864.0,33792.0\n"
		"DISKBUSY,T0003,5.0,6.0,0.0\n";
	struct dataset ds;
	struct kerr e;

	CHECK_INT(load(&ds, v8b, &e), 0);
	CHECK_INT(ds.nsamples, 3);
	CHECK_STR(iso(ds.times[0]), "2010-12-31T23:40:04Z");
	/* midnight: the date moves on, into the next year */
	CHECK_STR(iso(ds.times[2]), "2011-01-01T00:00:04Z");
	CHECK_NEAR(val(&ds, "CPU/_Total/User%", 0), 33.2, 1e-12);
	/* the trailing empty header name and its extra value are dropped quietly */
	CHECK_NEAR(val(&ds, "Disk/hdisk1/% Busy", 2), 6.0, 1e-12);
	/* the garbled MEM header: columns by position, never by a wrong name */
	CHECK_NEAR(val(&ds, "MEM/column 4", 1), 2761.5, 1e-12);
	CHECK_INT(ds_find(&ds, "MEM/Virtual free(MB)"), -1);
	CHECK(warned(&ds, "MEM header is garbled"));
	CHECK(warned(&ds, "announces 4 snapshots, the file has 3"));
	CHECK(!has_warning(&ds, "has 4 values"));
	ds_release(&ds);
}

TEST(nmon_time_only_without_date_is_an_error)
{
	struct dataset ds;
	struct kerr e;

	CHECK_INT(load(&ds, "AAA,host,h\nCPU_ALL,CPU Total h,User%\nZZZZ,T0001,00:00:04\n"
		       "CPU_ALL,T0001,1.0\n", &e), -1);
	CHECK(strstr(e.msg, "t.nmon:3: snapshot T0001 has a time but no date") != NULL);
	ds_release(&ds);
	CHECK_INT(load(&ds, "AAA,host,h\nCPU_ALL,CPU Total h,User%\n", &e), -1);
	CHECK_STR(e.msg, "t.nmon: no snapshot with a time (ZZZZ line) found");
	ds_release(&ds);
}

TEST(nmon_missing_snapshots_and_truncation)
{
	static const char text[] =
		"AAA,host,h\n"
		"AAA,date,01-FEB-2020\n"
		"AAA,snapshots,10\n"
		"CPU_ALL,CPU Total h,User%,Sys%\n"
		"MEM,Memory MB h,memfree\n"
		"ZZZZ,T0001,10:00:00,01-FEB-2020\n"
		"CPU_ALL,T0001,1.0,1.5\n"
		"MEM,T0001,100.0\n"
		/* T0002 and T0003 never written */
		"ZZZZ,T0004,10:03:00,01-FEB-2020\n"
		"CPU_ALL,T0004,4.0,4.5\n"
		"MEM,T0004,400.0\n"
		/* data for a snapshot whose ZZZZ line is missing */
		"CPU_ALL,T0005,5.0,5.5\n"
		"ZZZZ,T0006,10:05:00,01-FEB-2020\n"
		"CPU_ALL,T0006,6.0,6.5\n"
		/* cut in the middle of MEM: "600.0" became "60" */
		"MEM,T0006,60";
	struct dataset ds;
	struct kerr e;

	CHECK_INT(load(&ds, text, &e), 0);
	CHECK_INT(ds.nsamples, 3);
	CHECK_STR(iso(ds.times[1]), "2020-02-01T10:03:00Z");
	CHECK_NEAR(val(&ds, "CPU/_Total/User%", 2), 6.0, 1e-12);
	/* the cut value is not taken */
	CHECK(isnan(val(&ds, "MEM/memfree", 2)));
	CHECK_NEAR(val(&ds, "MEM/memfree", 1), 400.0, 1e-12);
	CHECK(warned(&ds, "t.nmon:15: the last line has no end"));
	CHECK(warned(&ds, "t.nmon:12: 1 snapshot with data but no ZZZZ time line; dropped"));
	CHECK(warned(&ds, "3 snapshots missing from the Tnnnn sequence (the first after T0001)"));
	CHECK(warned(&ds, "announces 10 snapshots, the file has 3"));
	CHECK(warned(&ds, "t.nmon:13: the last snapshot T0006 has 1 of 2 section lines"));
	ds_release(&ds);
}

TEST(nmon_odd_cells_and_lines)
{
	static const char text[] =
		"AAA,host,h\n"
		"AAA,date,2020-02-01\n"
		"CPU_ALL,CPU Total h,User%,Sys%,Wait%\n"
		"JFSFILE,JFS Filespace %Used h,/\n"
		"ZZZZ,T0001,10:00:00\n"
		"CPU_ALL,T0001,abc,nan,nan\n"
		"JFSFILE,T0001,10.0,20.0,30.0\n"
		"ORPHAN,T0001,1,2\n"
		"ZZZZ,T0002,10:00:10\n"
		"CPU_ALL,T0002,2.0,-nan,-nan\n"
		"ZZZZ,T0003,10:00:05\n"
		"CPU_ALL,T0003,3.0,3.0,-nan\n"
		"ZZZZ,T0004,25:00:00\n";
	struct dataset ds;
	struct kerr e;
	long i;

	CHECK_INT(load(&ds, text, &e), 0);
	/* T0003 goes back in time and T0004 has no valid time */
	CHECK_INT(ds.nsamples, 2);
	CHECK(isnan(val(&ds, "CPU/_Total/User%", 0)));
	CHECK_NEAR(val(&ds, "CPU/_Total/User%", 1), 2.0, 1e-12);
	/* a column of nothing but nan is left out */
	CHECK_INT(ds_find(&ds, "CPU/_Total/Wait%"), -1);
	CHECK(warned(&ds, "t.nmon:6: 'abc' is not a number (1 such cell left empty)"));
	CHECK(warned(&ds, "t.nmon:7: JFSFILE has 3 values but its header (line 4) names 1"));
	CHECK(warned(&ds, "t.nmon:8: 1 ORPHAN line without a ORPHAN header line ignored"));
	CHECK(warned(&ds, "t.nmon:11: 1 snapshot not later than the one before; dropped"));
	CHECK(warned(&ds, "t.nmon:13: ZZZZ line with a time that is not HH:MM:SS (1 such line ignored)"));
	i = ds_find(&ds, "CPU/_Total/User%");
	CHECK(i >= 0 && ds.metrics[i].missing == 1);
	CHECK(ds.cells_missing >= 3);
	ds_release(&ds);
}

TEST(nmon_top_command_with_commas_and_duplicates)
{
	static const char text[] =
		"AAA,host,aix1\n"
		"AAA,date,10-FEB-2016\n"
		"DISKBUSY,Disk %Busy aix1,hdisk0,hdisk0\n"
		"TOP,+PID,Time,%CPU,%Usr,%Sys,Threads,Size,ResText,ResData,CharIO,%RAM,Paging,Command,WLMclass\n"
		"ZZZZ,T0001,17:28:10,10-FEB-2016\n"
		"DISKBUSY,T0001,1.0,2.0\n"
		"TOP,1835068,T0001,0.15,0.15,0.00,5,960,0,960,0,0,0,gil = TCP/IP,Unclassified\n"
		"TOP,0000042,T0001,1.00,0.50,0.50,1,10,0,10,0,0,0,a,b,c,Unclassified\n";
	struct dataset ds;
	struct kerr e;

	CHECK_INT(load(&ds, text, &e), 0);
	CHECK_NEAR(val(&ds, "Process/gil = TCP/IP (1835068)/Size", 0), 960, 1e-12);
	CHECK_NEAR(val(&ds, "Process/a,b,c (42)/%CPU", 0), 1.0, 1e-12);
	CHECK_NEAR(val(&ds, "Process/a,b,c (42)/Paging", 0), 0.0, 1e-12);
	CHECK_INT(ds_find(&ds, "Process/a,b,c (42)/WLMclass"), -1);
	/* a disk named twice in one header gets a second metric, not an overwrite */
	CHECK_NEAR(val(&ds, "Disk/hdisk0/% Busy", 0), 1.0, 1e-12);
	CHECK_NEAR(val(&ds, "Disk/hdisk0/% Busy #2", 0), 2.0, 1e-12);
	ds_release(&ds);
}

TEST(nmon_concatenated_runs)
{
	static const char text[] =
		"AAA,progname,nmon\nAAA,host,h\nAAA,date,01-FEB-2020\n"
		"DISKBUSY,Disk %Busy h,sda,sdb\n"
		"ZZZZ,T0001,23:59:00,01-FEB-2020\nDISKBUSY,T0001,1.0,2.0\n"
		"ZZZZ,T0002,23:59:30,01-FEB-2020\nDISKBUSY,T0002,3.0,4.0\n"
		/* the next day's file appended: numbering restarts, disks in another order */
		"AAA,progname,nmon\nAAA,host,h\nAAA,date,02-FEB-2020\n"
		"DISKBUSY,Disk %Busy h,sdb,sda\n"
		"ZZZZ,T0001,00:00:00,02-FEB-2020\nDISKBUSY,T0001,6.0,5.0\n";
	struct dataset ds;
	struct kerr e;

	CHECK_INT(load(&ds, text, &e), 0);
	CHECK_INT(ds.nsamples, 3);
	CHECK_STR(iso(ds.times[2]), "2020-02-02T00:00:00Z");
	CHECK_NEAR(val(&ds, "Disk/sda/% Busy", 2), 5.0, 1e-12);
	CHECK_NEAR(val(&ds, "Disk/sdb/% Busy", 2), 6.0, 1e-12);
	CHECK_INT(ds.nwarnings, 0);
	ds_release(&ds);

	CHECK_INT(load(&ds, "AAA,host,a\nZZZZ,T0001,00:00:00,01-FEB-2020\nAAA,host,b\n", &e), -1);
	CHECK(strstr(e.msg, "t.nmon:3: a second nmon run from another host ('b'") != NULL);
	ds_release(&ds);
}

static int only_cpu(const struct ds_metric *m, void *ctx)
{
	(void)ctx;
	return !strcmp(m->object, "CPU");
}

TEST(nmon_selection_loads_only_wanted)
{
	struct nmon_options opt;
	struct dataset ds;
	struct kerr e;
	long i;

	memset(&opt, 0, sizeof(opt));
	opt.want = only_cpu;
	opt.tz_override = 1;
	opt.tz_offset_min = 120;
	CHECK_INT(load_opt(&ds, LINUX_HEAD SNAP(1, "10:24:26"), &opt, &e), 0);
	CHECK_INT(ds.nsamples, 1);
	/* local 10:24:26 at +02:00 */
	CHECK_STR(iso(ds.times[0]), "2015-08-18T08:24:26Z");
	CHECK_INT(ds.tz_offset_min, 120);
	i = ds_find(&ds, "Disk/sda/% Busy");
	CHECK(i >= 0 && ds.metrics[i].values == NULL);
	CHECK_NEAR(val(&ds, "CPU/_Total/User%", 0), 21.5, 1e-12);
	CHECK_INT(ds_loaded_count(&ds), 11);
	ds_release(&ds);
}

/* ------------------------------------------------------------ the real files */

static int load_file(struct dataset *ds, const char *name, struct kerr *e)
{
	struct buf path = BUF_INIT;
	struct source *s;
	struct line_reader lr;
	int rc;

	ds_init(ds);
	buf_printf(&path, "%s/data/nmon/%s", unit_shared_dir(), name);
	if (source_open(&s, buf_str(&path), NULL, e)) {
		buf_release(&path);
		return -1;
	}
	lines_init(&lr, s, 0);
	rc = nmon_read(ds, &lr, NULL, 0, NULL, e);
	lines_release(&lr);
	source_close(s);
	buf_release(&path);
	return rc;
}

TEST(nmon_real_files)
{
	struct dataset ds;
	struct kerr e;

	if (!unit_shared_dir()) {
		unit_skip("../shared/data is absent");
		return;
	}
	/* AIX 5.3 nmon v8b: time-only ZZZZ, 62 of 144 snapshots */
	CHECK_INT(load_file(&ds, "nmon_FJplant_omrms12_1_110303_0000.nmon", &e), 0);
	CHECK_INT(ds.nsamples, 62);
	CHECK_STR(iso(ds.times[0]), "2011-03-03T00:00:04Z");
	CHECK_STR(iso(ds.times[61]), "2011-03-03T10:10:05Z");
	CHECK_STR(ds.metrics[0].host, "omrms12_1");
	CHECK_NEAR(val(&ds, "CPU/_Total/User%", 0), 33.2, 1e-12);
	CHECK_NEAR(val(&ds, "CPU/18/Idle%", 61), 46.0, 1e-12);
	CHECK_NEAR(val(&ds, "Disk/hdisk1/Read KB/s", 61), 81125.3, 1e-12);
	CHECK_NEAR(val(&ds, "Process/lrud (16392)/%CPU", 61), 38.7, 1e-12);
	CHECK(warned(&ds, "announces 144 snapshots, the file has 62"));
	ds_release(&ds);

	/* AIX 7.1 topas_nmon, gzip: LPAR, PCPU */
	CHECK_INT(load_file(&ds, "nmon_adejoux_aixlpar.nmon.gz", &e), 0);
	CHECK_INT(ds.nsamples, 187);
	CHECK_STR(iso(ds.times[186]), "2016-02-11T08:59:32Z");
	CHECK_NEAR(val(&ds, "LPAR/PhysicalCPU", 0), 1.257, 1e-12);
	CHECK_NEAR(val(&ds, "PCPU/_Total/Entitled Capacity", 0), 1.30, 1e-12);
	CHECK_NEAR(val(&ds, "PCPU/28/Idle", 0) >= 0, 1, 0);
	CHECK_NEAR(val(&ds, "Network/en0/Read Packets/s", 0), 23.7, 1e-12);
	CHECK_NEAR(val(&ds, "Disk/hdisk8/Service Time", 0), 5.2, 1e-12);
	ds_release(&ds);

	/* Linux nmon 15h, gzip: a last ZZZZ with nothing after it */
	CHECK_INT(load_file(&ds, "nmon_adejoux_linux_150818_1024.nmon.gz", &e), 0);
	CHECK_INT(ds.nsamples, 47);
	CHECK_NEAR(val(&ds, "Network/em1/Read Packets/s", 1), 2.0, 1e-12);
	CHECK(warned(&ds, "1 snapshot with a ZZZZ time line but no values; dropped"));
	ds_release(&ds);

	/* Linux nmon 13g, 1 s interval */
	CHECK_INT(load_file(&ds, "nmon_madmaze_pyNmonAnalyzer_test.nmon", &e), 0);
	CHECK_INT(ds.nsamples, 120);
	CHECK_INT(ds.times[119] - ds.times[0], 125 * TIME_US_PER_SEC);
	ds_release(&ds);
}
