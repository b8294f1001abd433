#include "net/print-int.h"
void icmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip) { (void)b; (void)ip; pc_printf(pc, "ICMP, length %u", length); }
void icmp6_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip) { (void)b; (void)ip; pc_printf(pc, "ICMP6, length %u", length); }
void arp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, uint32_t caplen) { (void)b; (void)caplen; pc_printf(pc, "ARP, length %u", length); }
void domain_print(struct pctx *pc, const struct nbytes *b, uint32_t length, int over_tcp) { (void)b; (void)over_tcp; pc_printf(pc, "domain %u", length); }
