#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Response times from tshark's dissection of a capture, compared with
`kansoku exchanges --json` on the same capture.

    tshark_oracle.py CAPTURE OURS.json [--verbose] [--smtp-port N]...

--smtp-port: tshark dissects SMTP on its usual ports only; name the others.

tshark (Wireshark) is the independent oracle:
  DNS   every response with dns.time: its frame time and the query's frame
        (dns.response_to); queries whose dns.response_in is absent and that
        are not retransmissions are unanswered.
  HTTP  every response: the request's frame (http.request_in, where tshark
        completed the request) and the first TCP segment of the response
        (tcp.segment, or the frame itself); 1xx responses are interim.
  SMTP  tshark has no SMTP response time: commands (smtp.req.command,
        end-of-message smtp.eom, AUTH lines) and reply lines (smtp.response)
        are paired in order per TCP stream here; a reply is timed at the
        frame of its first line, the greeting from the client's first ACK.
Prints one line per protocol: exchanges answered on each side, pairs
matched, the largest time difference in ms; exits 1 when a pair differs by
more than 1 us, or when a side has an answered exchange the other lacks.
"""
import collections, datetime, json, subprocess, sys


DECODE = []


def tshark(cap, *args):
    out = subprocess.run(["tshark", "-n", "-r", cap] + DECODE + list(args), capture_output=True, text=True,
                         check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def us_of(s):
    return round(float(s) * 1e6)


def iso_us(s):
    t = datetime.datetime.strptime(s.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    return round(t.timestamp() * 1e6)


def frames(cap):
    return {int(n): us_of(t) for n, t in tshark(cap, "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch")}


def dns_pairs(cap, ft):
    rows = tshark(cap, "-2", "-Y", "dns", "-T", "fields", "-E", "occurrence=f", "-e", "frame.number",
                  "-e", "dns.flags.response", "-e", "dns.id", "-e", "dns.qry.name", "-e", "dns.response_to",
                  "-e", "dns.response_in", "-e", "dns.retransmission", "-e", "ip.dst", "-e", "ipv6.dst")
    answered, unanswered = [], []
    sent = collections.defaultdict(list)    # copies of a query not yet answered
    for n, resp, qid, name, to, rin, retr, d4, d6 in ((r + [""] * 9)[:9] for r in rows):
        key = (int(qid, 16) if qid.startswith("0x") else int(qid), name.lower().rstrip("."))
        if resp in ("0", "False"):
            sent[key].append(ft[int(n)])
        if resp in ("1", "True") and to:
            # timed from the first copy of the query, as the client waited (tshark: from the last)
            first = min(sent.pop(key, [ft[int(to)]]))
            answered.append(key + (first, ft[int(n)]))
        elif resp in ("0", "False"):
            dst = d4 or d6
            if dst.startswith("ff") or dst.split(".")[0].isdigit() and 224 <= int(dst.split(".")[0]) <= 239:
                sent.pop(key, None)     # multicast: anyone may answer, or no one
    # a query still waiting at the end, once however often it was sent
    unanswered = list(sent)
    return answered, unanswered


def http_pairs(cap, ft):
    rows = tshark(cap, "-Y", "http.response", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                  "-e", "frame.number", "-e", "http.request_in", "-e", "tcp.segment", "-e", "http.response.code")
    out = []
    for n, rin, segs, code in ((r + [""] * 4)[:4] for r in rows):
        if not rin:
            continue
        code = int(code.split(",")[0])
        if 100 <= code < 200 and code != 101:
            continue
        first = min(int(s) for s in segs.split(",")) if segs else int(n)
        out.append((code, ft[int(rin.split(",")[0])], ft[first]))
    return out


def smtp_pairs(cap, ft):
    rows = tshark(cap, "-Y", "smtp || tcp.flags == 0x010", "-T", "fields", "-E", "occurrence=a",
                  "-E", "aggregator=\x01", "-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.srcport",
                  "-e", "tcp.dstport", "-e", "smtp.req.command", "-e", "smtp.eom", "-e", "smtp.response",
                  "-e", "smtp.auth.username", "-e", "smtp.auth.password", "-e", "smtp.req", "-e", "smtp.rsp",
                  "-e", "frame.protocols")
    st = collections.defaultdict(lambda: {"q": collections.deque(), "ack": None, "greeted": False,
                                          "reply": None})
    out = []
    for n, stream, sp, dp, cmds, eom, resps, user, pw, isreq, isrsp, protos in ((r + [""] * 12)[:12] for r in rows):
        s, t = st[stream], ft[int(n)]
        if "smtp" not in protos:
            if s["ack"] is None:
                s["ack"] = t
            continue
        for c in filter(None, cmds.split("\x01")):
            s["q"].append((c.upper()[:4], t))
        if user or pw:
            s["q"].append(("AUTH", t))
        if eom:
            s["q"].append((".", t))
        # tshark gives one item per reply, its first line standing for all
        for line in filter(None, resps.split("\x01")):
            start, code = t, int(line[:3])
            if not s["greeted"]:
                s["greeted"] = True
                if not s["q"]:
                    out.append(("greeting", code, s["ack"], start))
                    continue
            if s["q"]:
                c, rt = s["q"].popleft()
                out.append((c, code, rt, start))
    return out


def main():
    cap, ours_path = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    for i, a in enumerate(sys.argv):
        if a == "--smtp-port":
            DECODE.extend(["-d", "tcp.port==%s,smtp" % sys.argv[i + 1]])
    ours = json.load(open(ours_path))["exchanges"]
    ft = frames(cap)
    bad = 0
    report = []

    def compare(proto, theirs, mine):
        nonlocal bad
        tk = collections.Counter(theirs)
        mk = collections.Counter(mine)
        both = tk & mk
        # pairs equal up to 1 us already matched; the rest by position in time order
        rest_t = sorted((tk - both).elements(), key=lambda x: x[-2:])
        rest_m = sorted((mk - both).elements(), key=lambda x: x[-2:])
        worst = 0.0
        for a, b in zip(rest_t, rest_m):
            if a[:-2] == b[:-2]:
                d = abs((a[-1] - a[-2]) - (b[-1] - b[-2])) / 1000.0
                worst = max(worst, d)
                if d > 0.001:
                    bad += 1
                    print("%s differs: tshark %s, ours %s" % (proto, a, b))
            else:
                bad += 1
                print("%s differs: tshark %s, ours %s" % (proto, a, b))
        if len(rest_t) != len(rest_m):
            bad += 1
            print("%s: tshark only %s; ours only %s" % (proto, rest_t[len(rest_m):], rest_m[len(rest_t):]))
        report.append("%s: tshark %d answered, ours %d, max difference %.3f ms" % (
            proto, len(theirs), len(mine), worst))
        if verbose:
            for x in sorted(theirs, key=lambda x: x[-2]):
                print("  tshark", proto, x, "%.3f ms" % ((x[-1] - x[-2]) / 1000))

    answered, unanswered = dns_pairs(cap, ft)
    mine = [(e["id"], e["detail"].lower().rstrip("."), iso_us(e["request_time"]), iso_us(e["response_time"]))
            for e in ours if e["protocol"] == "DNS" and e["response_time"]]
    compare("DNS", answered, mine)
    mine_un = sorted((e["id"], e["detail"].lower().rstrip(".")) for e in ours
                     if e["protocol"] == "DNS" and e["unanswered"])
    if sorted(unanswered) != mine_un:
        bad += 1
        print("DNS unanswered differ: tshark %s, ours %s" % (sorted(unanswered), mine_un))
    report.append("DNS: unanswered tshark %d, ours %d" % (len(unanswered), len(mine_un)))
    mine = [(e["code"], iso_us(e["request_time"]), iso_us(e["response_time"]))
            for e in ours if e["protocol"] == "HTTP" and e["response_time"]]
    compare("HTTP", http_pairs(cap, ft), mine)
    # tshark names a command by its first four letters
    mine = [("greeting" if e["kind"] == "greeting" else "AUTH" if e["kind"] == "AUTH" else e["verb"].upper()[:4],
             e["code"], iso_us(e["request_time"]), iso_us(e["response_time"]))
            for e in ours if e["protocol"] == "SMTP" and e["response_time"]]
    compare("SMTP", smtp_pairs(cap, ft), mine)
    print("; ".join(report))
    sys.exit(1 if bad else 0)


main()
