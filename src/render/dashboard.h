/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_DASHBOARD_H
#define KANSOKU_RENDER_DASHBOARD_H

#include <stddef.h>

#include "core/dataset.h"
#include "render/report.h"

/*
 * The charts a report opens with, chosen from what a dataset holds (only
 * loaded metrics are used; nothing to configure).
 *
 * esxtop input gets the ESXi dashboard:
 *   CPU       Physical Cpu(_Total) % Core Util Time (hyper-threaded hosts),
 *             % Util Time, % Processor Time; % Util Time per PCPU
 *   VM CPU    per VM (Group Cpu) % Ready, % CoStop, % Max Limited, and
 *             per vCPU world (Vcpu vmx-vcpu-N) % Ready
 *   Memory    free, balloon (Memctl) host and per VM, swap used and swap
 *             rates, compression, per-VM swapped
 *   Storage   adapter and device latency (driver DAVG, kernel KAVG, guest
 *             GAVG ms/command), Virtual Disk reads/s, writes/s, MB/s per VM
 *   Network   per port Mbit/s, packets/s, % dropped
 * Any other input gets generic sections: one per object, one chart per
 * counter with its instances as series.
 *
 * In charts with many series (one per VM, vCPU, port...) the top
 * DASHBOARD_TOP_N by 95th percentile are drawn and the rest are marked
 * `extra` (one click away in the page, listed in the legend of static
 * charts as "+N more").
 */
#define DASHBOARD_TOP_N 10

/* Adds the dashboard sections for ds (already added with report_add_dataset). */
void dashboard_add(struct report *r, const struct dataset *ds);

/*
 * Adds series for metrics idx[0..n) to chart c: all of them, ranked by p95
 * (highest first) and with the ones past top_n marked extra when n > top_n.
 * Exposed for other commands building charts of many series.
 */
void dashboard_add_ranked(struct chart *c, const struct dataset *ds, const size_t *idx, size_t n,
			  size_t top_n);
/*
 * The same for every loaded metric of ds[0..nds), ranked together; with
 * several inputs each legend reads "SOURCE — name".
 */
void dashboard_add_ranked_inputs(struct chart *c, const struct dataset *ds, size_t nds, size_t top_n);

#endif
