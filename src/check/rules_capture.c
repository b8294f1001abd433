/* SPDX-License-Identifier: MIT */
/*
 * Built-in rules for captures (check_file_kind() "capture"): TCP trouble in
 * the metrics flow/capds.c derives from a pcap or pcapng file, one sample per
 * interval and conversation. Wireshark's Expert Info shows the same events
 * one packet at a time; these rules turn them into ranked findings naming
 * the conversation ("who" is CLIENT-SERVER). The application rules judge the
 * slowest answer per interval of each server and request kind (flow/exchange.h
 * times them): "who" is SERVER:PORT, with the SMTP command.
 */
#include "check/rules.h"

#define CAPTURE "capture"

#define GT(v) { .set = 1, .op = CHECK_GT, .value = (v) }
#define NO { .set = 0 }
#define TCP(c) { .object = "tcp", .counter = (c) }
#define TOTAL(c) { .object = "total", .counter = (c) }
#define APP(o, c) { .object = (o), .counter = (c) }

static const struct check_rule capture_rules[] = {
	{
		.id = "tcp.handshake.unanswered", .title = "SYN without answer",
		.metric = "tcp/*/syn unanswered: a connection whose SYN got neither a SYN-ACK "
			  "nor a RST in the capture",
		.why = "The server never answered: it is down, a firewall drops the SYN, or "
		       "the answer takes another path than the capture point. The client "
		       "retries with growing timeouts (1 s, 3 s...) before giving up.",
		.origin = "RFC 9293 3.5 (three-way handshake) and RFC 6298 (the 1 s initial "
			  "retransmission timeout the client then waits).",
		.sources = { TCP("syn unanswered") }, .nsources = 1,
		.level = { NO, GT(0), NO }, .unit = "connections", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "tcp.handshake.refused", .title = "connection refused (RST to SYN)",
		.metric = "tcp/*/refused: the server answered the SYN with a RST",
		.why = "Nothing listens on that port (or a firewall rejects the connection): "
		       "the client gets \"connection refused\" at once.",
		.origin = "RFC 9293 3.5.2 (reset generation for a connection that does not exist).",
		.sources = { TCP("refused") }, .nsources = 1,
		.level = { NO, GT(0), NO }, .unit = "connections", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "tcp.reset", .title = "connection reset",
		.metric = "tcp/*/resets: the first RST of an established connection (or one "
			  "whose start was not captured), before it closed with FINs",
		.why = "An abort instead of an orderly close: an application crashed or gave "
		       "up, a load balancer or firewall dropped its state, or an idle timeout "
		       "fired. The peer sees \"connection reset by peer\".",
		.origin = "RFC 9293 3.5.3 (reset processing); Wireshark Expert Info flags "
			  "every RST as a warning.",
		.sources = { TCP("resets") }, .nsources = 1,
		.level = { NO, GT(0), NO }, .unit = "connections", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "tcp.retrans.share", .title = "retransmissions in the whole capture",
		.metric = "total/retransmission share: retransmitted data segments of all TCP "
			  "conversations per interval (Wireshark's tcp.analysis.retransmission, "
			  "fast and spurious ones included) over all data segments",
		.why = "A few percent of retransmissions already cut TCP throughput hard "
		       "(throughput falls with the square root of the loss rate) and each "
		       "timeout adds at least 200 ms to a reply.",
		.origin = "Mathis, Semke, Mahdavi, Ott: \"The Macroscopic Behavior of the TCP "
			  "Congestion Avoidance Algorithm\" (1997); 2 % and 5 % are common "
			  "troubleshooting rules of thumb, kansoku's own steps.",
		.sources = { TOTAL("retransmission share") }, .nsources = 1,
		.level = { NO, GT(2), GT(5) }, .unit = "%", .builtin = 1, .formats = CAPTURE,
	},
	{
		.id = "tcp.retrans.conversation",
		.title = "sustained retransmissions in a conversation",
		.metric = "tcp/*/retransmission share; an episode must last 5 s (one segment "
			  "in three of a short exchange is noise, not a trend)",
		.why = "One conversation losing segments for seconds while others do not points "
		       "at its path (a duplex mismatch, a congested link, a policer) or its "
		       "receiver.",
		.origin = "As tcp.retrans.share, with higher steps for one conversation: "
			  "kansoku's own.",
		.sources = { TCP("retransmission share") }, .nsources = 1,
		.level = { NO, GT(10), GT(25) }, .for_us = 5 * 1000000LL, .unit = "%",
		.builtin = 1, .formats = CAPTURE,
	},
	{
		.id = "tcp.rto", .title = "stall until a retransmission timeout",
		.metric = "tcp/*/retransmission timeout: for a retransmission that was neither "
			  "fast nor spurious, the time since the oldest unacknowledged segment "
			  "was sent (Wireshark's tcp.analysis.rto)",
		.why = "The sender waited for a timer instead of recovering after duplicate ACKs: "
		       "the connection sat idle that long. Repeated, it doubles each time.",
		.origin = "RFC 6298 (RTO: at least 1 s, Linux uses 200 ms as its minimum): "
			  "warning from Linux's 200 ms, critical from RFC 6298's 1 s.",
		.sources = { TCP("retransmission timeout") }, .nsources = 1,
		.level = { NO, GT(200), GT(1000) }, .unit = "ms", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "tcp.zero-window", .title = "receiver stalled the sender (zero window)",
		.metric = "tcp/*/zero window stall: how long a receiver advertised a zero window "
			  "until it opened it again (or the conversation ended)",
		.why = "The receiving application does not read its socket fast enough: its "
		       "buffer is full and the sender must stop. The cause is on the receiver "
		       "(a busy or blocked process), not the network.",
		.origin = "RFC 9293 3.8.6.1 (zero-window probing); Wireshark Expert Info flags "
			  "every zero window as a warning. 1 s critical is kansoku's own.",
		.sources = { TCP("zero window stall") }, .nsources = 1,
		.level = { NO, GT(0), GT(1000) }, .unit = "ms", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "tcp.dupack.burst", .title = "bursts of duplicate ACKs",
		.metric = "tcp/*/duplicate acks per interval (Wireshark's tcp.analysis.duplicate_ack)",
		.why = "Three duplicate ACKs tell the sender a segment was lost (fast "
		       "retransmit); many mean loss or reordering on the path towards the "
		       "receiver.",
		.origin = "RFC 5681 3.2 (fast retransmit after three duplicate ACKs); 20 per "
			  "interval critical is kansoku's own.",
		.sources = { TCP("duplicate acks") }, .nsources = 1,
		.level = { NO, GT(2), GT(20) }, .unit = "segments", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "tcp.lost", .title = "segments missing from the capture",
		.metric = "tcp/*/lost segments: Wireshark's \"previous segment not captured\"",
		.why = "Data the receiver must have got was never seen: either the network lost "
		       "it (retransmissions follow) or the capture itself dropped packets "
		       "(no retransmission follows): check the capture's drop counters "
		       "before blaming the network.",
		.origin = "Wireshark User's Guide, TCP Analysis (tcp.analysis.lost_segment).",
		.sources = { TCP("lost segments") }, .nsources = 1,
		.level = { GT(0), NO, NO }, .unit = "segments", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "smtp.reply.slow", .title = "slow SMTP replies",
		.metric = "smtp/*/* reply time: from an SMTP command (or the connection, for the "
			  "greeting, or the \".\" ending the message) to the first byte of its "
			  "reply, the slowest per interval of each server and command",
		.why = "Every command waits for its reply, so a mail server that takes seconds "
		       "per RCPT or per message holds connections open and queues mail on the "
		       "sending side: typically a slow recipient lookup (LDAP, DNS), a content "
		       "filter or an overloaded or tarpitting server.",
		.origin = "A healthy server replies in milliseconds; RFC 5321 4.5.3.2 lets clients "
			  "wait minutes, so timeouts are not the measure. 1 s warning and 5 s "
			  "critical are kansoku's own steps (the same as for HTTP).",
		.sources = { APP("smtp", "* reply time") }, .nsources = 1,
		.level = { NO, GT(1000), GT(5000) }, .unit = "ms", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "http.response.slow", .title = "slow HTTP responses",
		.metric = "http/*/response time: from an HTTP/1.x request (its last segment) to "
			  "the first byte of its final status line (Wireshark's http.time), the "
			  "slowest per interval of each server",
		.why = "The server (or what it waits on: a database, a backend) takes that long "
		       "before it starts answering: the user waits at least as long.",
		.origin = "Nielsen, \"Usability Engineering\" (1993): 1 s is the limit for the "
			  "user's flow of thought to stay uninterrupted; 5 s critical is kansoku's "
			  "own step.",
		.sources = { APP("http", "response time") }, .nsources = 1,
		.level = { NO, GT(1000), GT(5000) }, .unit = "ms", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "dns.response.slow", .title = "slow DNS responses",
		.metric = "dns/*/response time: from a DNS query to the response with the same "
			  "id, question and addresses (Wireshark's dns.time; a query sent again "
			  "counts from the first), the slowest per interval of each server",
		.why = "Every connection a client opens waits for its lookups first. A resolver "
		       "that answers in hundreds of milliseconds is recursing to slow or "
		       "unreachable authorities or is overloaded; over 1 s, clients' first "
		       "retry (glibc waits 5 s, Windows 1 s) or a lost packet is involved.",
		.origin = "Typical recursive resolvers answer cached names in a few ms and "
			  "uncached ones well under 100 ms (dnsperf-style measurements); 100 ms "
			  "warning and 1 s critical (Windows' first retry timeout) are kansoku's "
			  "steps.",
		.sources = { APP("dns", "response time") }, .nsources = 1,
		.level = { NO, GT(100), GT(1000) }, .unit = "ms", .builtin = 1,
		.formats = CAPTURE,
	},
	{
		.id = "dns.unanswered", .title = "DNS queries unanswered",
		.metric = "dns/*/unanswered: queries that got no response within 10 s of capture "
			  "time or before the capture ended, per server",
		.why = "The client retries and then gives up: a lookup that fails or waits "
		       "seconds. The server is down or overloaded, a firewall drops the queries "
		       "or the answers, or the answers take another path than the capture point.",
		.origin = "RFC 1035 4.2.1 (UDP messages may be lost: clients retransmit); "
			  "any unanswered query is worth a look: kansoku's own.",
		.sources = { APP("dns", "unanswered") }, .nsources = 1,
		.level = { NO, GT(0), NO }, .unit = "queries", .builtin = 1,
		.formats = CAPTURE,
	},
};

const struct check_rule *check_capture_rules(size_t *n)
{
	*n = sizeof(capture_rules) / sizeof(capture_rules[0]);
	return capture_rules;
}
