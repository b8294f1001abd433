-- For tshark_conv.py: every packet the tcp and udp taps see (the taps behind
-- `tshark -z conv,tcp -z conv,udp`), one line each, with the frame length
-- exact (the conversation tables round large byte counts to kB).
local function listen(proto)
	local l = Listener.new(proto)
	function l.packet(pinfo, tvb, t)
		local stream = proto == "tcp" and t.th_stream or -1
		local sp = t.th_sport or t.uh_sport
		local dp = t.th_dport or t.uh_dport
		print(string.format("%s\t%d\t%s\t%d\t%s\t%d\t%d\t%d", proto, stream,
			tostring(t.ip_src), sp, tostring(t.ip_dst), dp, pinfo.len, pinfo.number))
	end
end
listen("tcp")
listen("udp")
