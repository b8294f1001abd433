/*
 * esxgen: writes a realistic `esxtop -b -a` batch file (PDH-CSV 4.0) of any
 * size, for benchmarks, demos and tests. Self-contained on purpose (no
 * kansoku code), so it cannot share a bug with the reader it feeds.
 *
 * Build: make esxgen   (-> build/esxgen)   Usage: build/esxgen --help
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *usage_text =
"usage: esxgen [options] [-o FILE]\n"
"Writes a synthetic but realistic `esxtop -b -a` file (PDH-CSV 4.0) to FILE\n"
"(default stdout): Memory, Physical Cpu (with HT: % Core Util Time), Physical\n"
"Cpu Load, Group Cpu and Group Memory per VM and system group, one Vcpu\n"
"column set per world (vmx, vmx-mks, vmx-svga and N x vmx-vcpu-K), Virtual\n"
"Disk (vm and vm:scsi0:K), Network Port (portset:port:wid:vm), Physical Disk.\n"
"VM names include hostile ones: 'web (copy)', 'db,prod', 'app:blue' and\n"
"'<img src=x onerror=alert(1)>'. Values follow a daily-ish load curve with\n"
"noise; a 'noisy neighbour' episode raises % Ready/% CoStop of some VMs\n"
"between 40% and 55% of the run, and vm 'db,prod' has a latency spike on its\n"
"disk in the last quarter. Same options + seed = same bytes.\n"
"\n"
"  -o, --output FILE    write here (default: stdout)\n"
"  -s, --size SIZE      approximate file size: 50M, 1G, 300K (sets --samples)\n"
"  -n, --samples N      number of rows (default 180)\n"
"      --vms N          number of VMs (default 200)\n"
"      --vcpus N        vCPU worlds per VM (default 4)\n"
"      --disks N        virtual disks per VM (default 2)\n"
"      --pcpus N        physical CPUs (default 32, hyper-threaded)\n"
"  -d, --interval S     seconds between samples (default 20)\n"
"      --start TIME     first sample, 'MM/DD/YYYY HH:MM:SS' (default 03/26/2024 22:00:00)\n"
"      --host NAME      host name (default esx01.lab.local)\n"
"      --zone NAME      zone name in the header (default UTC)\n"
"      --bias MIN       Windows bias, minutes west of UTC (default 0)\n"
"      --seed N         random seed (default 1)\n"
"      --no-hostile     plain VM names only\n"
"  -h, --help           this help\n"
"\n"
"Examples:\n"
"  esxgen -n 90 --vms 12 -o demo.csv           # small file for a README demo\n"
"  esxgen --size 1G -o big.csv                  # ~1 GB for bench/perf.sh\n"
"  esxgen --size 200M | gzip > esxperf.csv.gz\n";

static uint64_t rng_state = 1;

/* xorshift64*: fast, deterministic, good enough for synthetic load */
static double rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static FILE *out;
static char obuf[1 << 20];
static size_t olen;

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, out) != olen) {
		perror("esxgen: write");
		exit(1);
	}
	olen = 0;
}

static void put(const char *s, size_t n)
{
	if (olen + n > sizeof(obuf))
		flush_out();
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void puts_(const char *s)
{
	put(s, strlen(s));
}

/* ,"<v with 2 decimals>" without printf: the generator must not be the bottleneck */
static void put_value(double v)
{
	char tmp[40], *p = tmp + sizeof(tmp);
	int neg = v < 0;
	uint64_t c;

	if (neg)
		v = -v;
	c = (uint64_t)(v * 100.0 + 0.5);
	*--p = '"';
	*--p = (char)('0' + c % 10);
	c /= 10;
	*--p = (char)('0' + c % 10);
	c /= 10;
	*--p = '.';
	do {
		*--p = (char)('0' + c % 10);
		c /= 10;
	} while (c);
	if (neg)
		*--p = '-';
	*--p = '"';
	*--p = ',';
	put(p, (size_t)(tmp + sizeof(tmp) - p));
}

enum kind { K_MEM, K_PCPU, K_LOAD, K_GCPU, K_VCPU, K_GMEM, K_VDISK, K_NET, K_PDISK };

struct col {
	unsigned char kind;
	unsigned char counter;	/* index in its counter list */
	unsigned short vm;	/* VM index, or 0xffff */
	unsigned short sub;	/* world / disk / cpu index */
};

static const char *mem_counters[] = {
	"Memory Overcommit (1 Minute Avg)", "Memory Overcommit (5 Minute Avg)",
	"Memory Overcommit (15 Minute Avg)", "Machine MBytes", "Kernel MBytes", "NonKernel MBytes",
	"Free MBytes", "Kernel Managed MBytes", "Kernel MinFree MBytes", "Kernel Reserved MBytes",
	"Kernel Unreserved MBytes", "Kernel State", "PShare Shared MBytes", "PShare Common MBytes",
	"PShare Savings MBytes", "Swap Used MBytes", "Swap Target MBytes", "Swap MBytes Read/sec",
	"Swap MBytes Write/sec", "Total Compressed MBytes", "Total Saved By Compression MBytes",
	"Memctl Current MBytes", "Memctl Target MBytes", "Memctl Max MBytes", NULL,
};
static const char *pcpu_counters[] = { "% Processor Time", "% Util Time", "% Core Util Time", NULL };
static const char *load_counters[] = {
	"Cpu Load (1 Minute Avg)", "Cpu Load (5 Minute Avg)", "Cpu Load (15 Minute Avg)", NULL,
};
static const char *cpu_counters[] = {
	"% Used", "% Run", "% System", "% Wait", "% VmWait", "% Ready", "% Idle", "% Overlap",
	"% CoStop", "% Max Limited", "% Swap Wait", "Switches/sec", "Migrates/sec",
	"Quantum Expires/sec", "Wakeups/sec", "Alloc Min", "Alloc Max", "Alloc Shares",
	"Alloc Min Limited", "% CPU Latency", "% Memory Latency", "% Demand",
	"Effective Min (MHz)", "Physical Cpu", NULL,
};
static const char *gmem_counters[] = {
	"Members", "Memory Size MBytes", "Memory Granted Size MBytes", "Memory Consumed Size MBytes",
	"Touched MBytes", "% Active Estimate", "Memctl MBytes", "Swapped MBytes",
	"Swap Read MBytes/sec", "Swap Written MBytes/sec", "Zero MBytes", "Shared MBytes",
	"Overhead MBytes", "Compressed Memory MBytes", NULL,
};
static const char *vdisk_counters[] = {
	"FailedIOs", "TotalIOs", "Latency", "Commands/sec", "Reads/sec", "Writes/sec",
	"MBytes Read/sec", "MBytes Written/sec", "Average MilliSec/Read", "Average MilliSec/Write", NULL,
};
static const char *net_counters[] = {
	"Link Up?", "Link Speed (Mb/s)", "Full Duplex?", "Packets Transmitted/sec",
	"MBits Transmitted/sec", "Average Packet Size  Transmitted (Bytes)", "Packets Received/sec",
	"MBits Received/sec", "Average Packet Size  Received (Bytes)", "% Outbound Packets Dropped",
	"% Received Packets Dropped", NULL,
};
static const char *pdisk_counters[] = {
	"Adapter Q Depth", "Commands/sec", "Reads/sec", "Writes/sec", "MBytes Read/sec",
	"MBytes Written/sec", "Average Driver MilliSec/Command", "Average Kernel MilliSec/Command",
	"Average Guest MilliSec/Command", "Average Queue MilliSec/Command", NULL,
};

static const char *hostile[] = {
	"web (copy)", "db,prod", "app:blue", "<img src=x onerror=alert(1)>",
};
static const char *plain_prefix[] = { "web", "app", "db", "cache", "build", "mail", "dns", "ldap" };

struct vm {
	char name[64];
	unsigned gid, wid;
	double load;		/* 0..1 share of its vCPUs in use on average */
	double phase;
	int noisy;		/* part of the noisy-neighbour episode */
};

static struct col *cols;
static size_t ncols, colcap;

static void add_col(enum kind k, int counter, int vm, int sub)
{
	if (ncols == colcap) {
		colcap = colcap ? colcap * 2 : 4096;
		cols = realloc(cols, colcap * sizeof(*cols));
		if (!cols) {
			perror("esxgen");
			exit(1);
		}
	}
	cols[ncols].kind = (unsigned char)k;
	cols[ncols].counter = (unsigned char)counter;
	cols[ncols].vm = (unsigned short)(vm < 0 ? 0xffff : vm);
	cols[ncols].sub = (unsigned short)sub;
	ncols++;
}

static void header_cell(const char *host, const char *object, const char *inst, const char *counter)
{
	char b[512];
	int n;

	if (inst)
		n = snprintf(b, sizeof(b), ",\"\\\\%s\\%s(%s)\\%s\"", host, object, inst, counter);
	else
		n = snprintf(b, sizeof(b), ",\"\\\\%s\\%s\\%s\"", host, object, counter);
	put(b, (size_t)n);
}

static unsigned long long parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	switch (*end) {
	case 'k': case 'K': v *= 1024; break;
	case 'm': case 'M': v *= 1024 * 1024; break;
	case 'g': case 'G': v *= 1024.0 * 1024 * 1024; break;
	case '\0': break;
	default: fprintf(stderr, "esxgen: bad size '%s'\n", s); exit(2);
	}
	return (unsigned long long)v;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output", 1, 0, 'o' }, { "size", 1, 0, 's' }, { "samples", 1, 0, 'n' },
		{ "vms", 1, 0, 1 }, { "vcpus", 1, 0, 2 }, { "disks", 1, 0, 3 }, { "pcpus", 1, 0, 4 },
		{ "interval", 1, 0, 'd' }, { "start", 1, 0, 5 }, { "host", 1, 0, 6 },
		{ "zone", 1, 0, 7 }, { "bias", 1, 0, 8 }, { "seed", 1, 0, 9 },
		{ "no-hostile", 0, 0, 10 }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 },
	};
	const char *outpath = NULL, *host = "esx01.lab.local", *zone = "UTC";
	const char *start = "03/26/2024 22:00:00";
	unsigned long long size = 0;
	long samples = 180, interval = 20, bias = 0;
	int nvms = 200, vcpus = 4, disks = 2, pcpus = 32, with_hostile = 1, c, i, k;
	struct vm *vms;
	struct tm tm;
	time_t t0;
	size_t header_len, row0_len = 0;
	long row;
	char inst[256];

	while ((c = getopt_long(argc, argv, "o:s:n:d:h", lo, NULL)) != -1) {
		switch (c) {
		case 'o': outpath = optarg; break;
		case 's': size = parse_size(optarg); break;
		case 'n': samples = atol(optarg); break;
		case 'd': interval = atol(optarg); break;
		case 1: nvms = atoi(optarg); break;
		case 2: vcpus = atoi(optarg); break;
		case 3: disks = atoi(optarg); break;
		case 4: pcpus = atoi(optarg); break;
		case 5: start = optarg; break;
		case 6: host = optarg; break;
		case 7: zone = optarg; break;
		case 8: bias = atol(optarg); break;
		case 9: rng_state = strtoull(optarg, NULL, 10) * 2654435761ULL + 1; break;
		case 10: with_hostile = 0; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (optind < argc || nvms < 1 || nvms > 20000 || vcpus < 1 || vcpus > 128 || disks < 0 ||
	    disks > 60 || pcpus < 1 || pcpus > 1024 || samples < 1 || interval < 1) {
		fputs(usage_text, stderr);
		return 2;
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(start, "%d/%d/%d %d:%d:%d", &tm.tm_mon, &tm.tm_mday, &tm.tm_year, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6) {
		fprintf(stderr, "esxgen: --start wants MM/DD/YYYY HH:MM:SS\n");
		return 2;
	}
	tm.tm_mon -= 1;
	tm.tm_year -= 1900;
	t0 = timegm(&tm);
	out = outpath ? fopen(outpath, "wb") : stdout;
	if (!out) {
		perror(outpath);
		return 1;
	}

	vms = calloc((size_t)nvms, sizeof(*vms));
	for (i = 0; i < nvms; i++) {
		if (with_hostile && i < 4)
			snprintf(vms[i].name, sizeof(vms[i].name), "%s", hostile[i]);
		else
			snprintf(vms[i].name, sizeof(vms[i].name), "%s-%03d", plain_prefix[i % 8], i);
		vms[i].gid = 100000 + 137 * (unsigned)i;
		vms[i].wid = 500000 + 100 * (unsigned)i;
		vms[i].load = 0.05 + 0.6 * rnd() * rnd();
		vms[i].phase = rnd() * 6.283;
		vms[i].noisy = i % 7 == 3;
	}

	/* header */
	{
		char b[256];
		int n = snprintf(b, sizeof(b), "\"(PDH-CSV 4.0) (%s)(%ld)\"", zone, bias);
		put(b, (size_t)n);
	}
	for (k = 0; mem_counters[k]; k++) {
		header_cell(host, "Memory", NULL, mem_counters[k]);
		add_col(K_MEM, k, -1, 0);
	}
	for (k = 0; load_counters[k]; k++) {
		header_cell(host, "Physical Cpu Load", NULL, load_counters[k]);
		add_col(K_LOAD, k, -1, 0);
	}
	for (k = 0; pcpu_counters[k]; k++)
		for (i = 0; i <= pcpus; i++) {
			if (i < pcpus)
				snprintf(inst, sizeof(inst), "%d", i);
			else
				snprintf(inst, sizeof(inst), "_Total");
			header_cell(host, "Physical Cpu", inst, pcpu_counters[k]);
			add_col(K_PCPU, k, -1, i);
		}
	for (i = 0; i < nvms; i++)
		for (k = 0; cpu_counters[k]; k++) {
			snprintf(inst, sizeof(inst), "%u:%s", vms[i].gid, vms[i].name);
			header_cell(host, "Group Cpu", inst, cpu_counters[k]);
			add_col(K_GCPU, k, i, 0);
		}
	for (i = 0; i < nvms; i++) {
		int w, nworlds = 3 + vcpus;
		for (w = 0; w < nworlds; w++) {
			static const char *aux[] = { "vmx", "vmx-mks", "vmx-svga" };
			char world[64];
			if (w < 3)
				snprintf(world, sizeof(world), "%s", aux[w]);
			else
				snprintf(world, sizeof(world), "vmx-vcpu-%d", w - 3);
			if (w == 0)
				snprintf(inst, sizeof(inst), "%u:%s:%u:%s", vms[i].gid, vms[i].name,
					 vms[i].wid + (unsigned)w, world);
			else
				snprintf(inst, sizeof(inst), "%u:%s:%u:%s:%s", vms[i].gid, vms[i].name,
					 vms[i].wid + (unsigned)w, world, vms[i].name);
			for (k = 0; cpu_counters[k]; k++) {
				header_cell(host, "Vcpu", inst, cpu_counters[k]);
				add_col(K_VCPU, k, i, w);
			}
		}
	}
	for (i = 0; i < nvms; i++)
		for (k = 0; gmem_counters[k]; k++) {
			snprintf(inst, sizeof(inst), "%u:%s", vms[i].gid, vms[i].name);
			header_cell(host, "Group Memory", inst, gmem_counters[k]);
			add_col(K_GMEM, k, i, 0);
		}
	for (i = 0; i < nvms; i++) {
		int d;
		for (d = -1; d < disks; d++)
			for (k = 0; vdisk_counters[k]; k++) {
				if (d < 0)
					snprintf(inst, sizeof(inst), "%s", vms[i].name);
				else
					snprintf(inst, sizeof(inst), "%s:scsi0:%d", vms[i].name, d);
				header_cell(host, "Virtual Disk", inst, vdisk_counters[k]);
				add_col(K_VDISK, k, i, d + 1);
			}
	}
	for (i = 0; i < nvms; i++)
		for (k = 0; net_counters[k]; k++) {
			snprintf(inst, sizeof(inst), "DvsPortset-0:%u:%u:%s", 67108870u + (unsigned)i,
				 vms[i].wid, vms[i].name);
			header_cell(host, "Network Port", inst, net_counters[k]);
			add_col(K_NET, k, i, 0);
		}
	for (i = 0; i < 4; i++)
		for (k = 0; pdisk_counters[k]; k++) {
			snprintf(inst, sizeof(inst), "naa.600508b1001c%04x", 0x1a2b + i);
			header_cell(host, "Physical Disk", inst, pdisk_counters[k]);
			add_col(K_PDISK, k, -1, i);
		}
	puts_("\n");
	header_len = olen;

	/* rows */
	for (row = 0; row < samples; row++) {
		double frac = (double)row / (double)samples;
		int episode = frac >= 0.40 && frac < 0.55, spike = frac >= 0.75 && frac < 0.80;
		time_t t = t0 + row * interval;
		struct tm *g = gmtime(&t);
		double day = 0.5 + 0.4 * sin(6.283 * frac * 2);	/* two "days" per run */
		double total_used = 0;
		size_t j;
		char b[64];
		int n = snprintf(b, sizeof(b), "\"%02d/%02d/%04d %02d:%02d:%02d\"", g->tm_mon + 1,
				 g->tm_mday, g->tm_year + 1900, g->tm_hour, g->tm_min, g->tm_sec);
		put(b, (size_t)n);
		for (j = 0; j < ncols; j++) {
			const struct col *cl = &cols[j];
			const struct vm *v = cl->vm != 0xffff ? &vms[cl->vm] : NULL;
			double use = v ? v->load * (0.6 + day * (0.8 + 0.4 * sin(v->phase + 12 * frac))) : day;
			double x = 0, r = rnd();
			if (use > 1)
				use = 1;
			switch (cl->kind) {
			case K_MEM:
				x = cl->counter < 3 ? 0.2 * day : cl->counter == 11 ? 1 : 262144.0 * (0.2 + 0.1 * r) * (cl->counter % 5 + 1) / 5;
				break;
			case K_LOAD:
				x = 0.3 + 0.5 * day + 0.05 * r;
				break;
			case K_PCPU:
				x = 100 * (0.15 + 0.6 * day) + 10 * (r - 0.5);
				if (cl->counter == 2)
					x *= 1.3;
				if (x > 100)
					x = 100;
				if (x < 0)
					x = 0;
				total_used += x;
				break;
			case K_GCPU:
			case K_VCPU: {
				double scale = cl->kind == K_GCPU ? vcpus + 3 : 1;
				int vcpu_world = cl->kind == K_VCPU ? cl->sub >= 3 : 1;
				double u = vcpu_world ? 100 * use * (0.8 + 0.4 * r) : 2 * r;
				double ready = 0.3 + 1.5 * r * use;
				if (episode && v->noisy)
					ready += 8 + 10 * r;
				switch (cl->counter) {
				case 0: case 1: x = u * scale; break;		/* used, run */
				case 2: x = 0.05 * u * scale; break;		/* system */
				case 3: x = (100 - u) * scale; break;		/* wait */
				case 5: x = ready * scale; break;		/* ready */
				case 6: x = (100 - u - ready > 0 ? 100 - u - ready : 0) * scale; break;
				case 8: x = (episode && v->noisy ? 2 + 3 * r : 0.02 * r) * scale; break;
				case 11: case 14: x = 200 * use * (0.5 + r) * scale; break;
				case 12: x = 10 * r * scale; break;
				case 16: x = -1; break;				/* Alloc Max: unlimited */
				case 17: x = 1000 * (vcpus + 3); break;
				case 19: x = ready * scale * 1.1; break;
				case 21: x = u * scale * 1.05; break;
				case 22: x = 0; break;
				case 23: x = vcpu_world ? (cl->sub * 7 + cl->vm) % pcpus : 0; break;
				default: x = 0; break;
				}
				break;
			}
			case K_GMEM:
				x = cl->counter == 0 ? vcpus + 3 : cl->counter == 5 ? 100 * use * (0.5 + r) :
				    4096.0 * (1 + cl->vm % 4) * (cl->counter < 4 ? 1 : 0.1 * r);
				break;
			case K_VDISK: {
				double iops = 500 * use * (0.5 + r) / (cl->sub + 1);
				double lat = 0.8 + 2 * r * use;
				if (spike && cl->vm == 1)
					lat += 40 + 30 * r;
				switch (cl->counter) {
				case 0: x = 0; break;
				case 1: x = (double)(row + 1) * iops * (double)interval; break;
				case 2: case 8: case 9: x = lat; break;
				case 3: x = iops; break;
				case 4: x = iops * 0.6; break;
				case 5: x = iops * 0.4; break;
				case 6: x = iops * 0.6 * 0.016; break;
				case 7: x = iops * 0.4 * 0.032; break;
				}
				break;
			}
			case K_NET:
				switch (cl->counter) {
				case 0: case 2: x = 1; break;
				case 1: x = 10000; break;
				case 3: case 6: x = 3000 * use * (0.5 + r); break;
				case 4: case 7: x = 30 * use * (0.5 + r); break;
				case 5: case 8: x = 600 + 400 * r; break;
				default: x = r < 0.98 ? 0 : 0.01 * r; break;
				}
				break;
			case K_PDISK:
				x = cl->counter == 0 ? 1024 : cl->counter < 6 ? 2000 * day * (0.5 + r) : 0.5 + 3 * r;
				break;
			}
			put_value(x);
		}
		(void)total_used;
		puts_("\n");
		if (row == 0) {
			row0_len = olen - header_len;
			if (size) {
				samples = (long)((size > header_len ? size - header_len : 0) / row0_len);
				if (samples < 1)
					samples = 1;
			}
		}
	}
	flush_out();
	if (out != stdout && fclose(out)) {
		perror(outpath);
		return 1;
	}
	free(vms);
	free(cols);
	return 0;
}
