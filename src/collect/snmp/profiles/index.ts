/**
 * The one registration list of SNMP profiles. Order matters where MIBs overlap: the first
 * profile to report a BGP peer or OSPF neighbour wins, so vendor MIBs (which carry 4-byte ASNs,
 * IPv6 and VRF peers) come before the standard ones. A test walks this list.
 */
import { entityProfile } from './entity.js';
import { ifMibProfile } from './if-mib.js';
import { systemProfile } from './system.js';
import type { Profile } from './types.js';
// @hardware-imports
import { ciscoEntityFruProfile } from './cisco-entity-fru.js';
import { ciscoEnvmonProfile } from './cisco-envmon.js';
import { ciscoRfProfile } from './cisco-rf.js';
import { ciscoStackwiseProfile } from './cisco-stackwise.js';
import { fortinetProfile } from './fortinet.js';
import { h3cEntityExtProfile, hh3cEntityExtProfile } from './hh3c-entity-ext.js';
import { hh3cLswDevmProfile } from './hh3c-lswdevm.js';
import { hpIcfPowerSupplyProfile } from './hp-icf-powersupply.js';
import { huaweiEntityExtentProfile, huaweiEntityStateProfile } from './huawei-entity-extent.js';
import { juniperProfile } from './juniper.js';
import { mikrotikProfile } from './mikrotik.js';
// @wide-imports (vendor PSU tables read for the wide recording set)
import { apcRpdu2Profile } from './apc-rpdu2.js';
import { apcRpduProfile } from './apc-rpdu.js';
import { eltekDistributedProfile, eltekSp2Profile } from './eltek-power.js';
import { sitebossProfile } from './siteboss.js';
import { brocadeSwProfile } from './brocade-sw.js';
import { cpqHealthProfile } from './cpqhealth.js';
import { dellServerProfile } from './dell-server.js';
import { radlanEnvProfile } from './radlan-env.js';
import { rapidCityProfile } from './rapid-city.js';
import { s5ChassisProfile } from './s5-chassis.js';
import { speedcarrierProfile } from './speedcarrier.js';
import { alliedEnvmonProfile } from './allied-envmon.js';
import { ciscoUcsProfile } from './cisco-ucs.js';
import { ericssonIposProfile } from './ericsson-ipos.js';
import { fastpathBoxServicesProfile } from './fastpath-boxservices.js';
import { fsSwitchProfile } from './fs-switch.js';
import { hirschmannProfile } from './hirschmann.js';
import { infineraXtmProfile } from './infinera-xtm.js';
import { microsensProfile } from './microsens.js';
import { nokiaEsaProfile } from './nokia-esa.js';
import { pepwaveProfile } from './pepwave.js';
import { qnapNasProfile } from './qnap-nas.js';
import { quantumLibraryProfile } from './quantum-library.js';
import { supermicroBmcProfile } from './supermicro-bmc.js';
import { alpineOeProfile } from './alpine-oe.js';
import { apcAtsProfile } from './apc-ats.js';
import { huaweiSmuProfile } from './huawei-smu.js';
import { raritanPdu2Profile } from './raritan-pdu2.js';
import { vertivNetSureProfile } from './vertiv-netsure.js';
import { checkpointGaiaProfile } from './checkpoint-gaia.js';
import { cienaWaveserverProfile } from './ciena-waveserver.js';
import { dellCompellentProfile } from './dell-compellent.js';
import { fcMgmtProfile } from './fcmgmt.js';
import { fireeyeProfile } from './fireeye.js';
import { moxaProfiles } from './moxa.js';
import { nscrtvEdfaProfile } from './nscrtv-edfa.js';
import { omnitronProfile } from './omnitron.js';
import { scalanceProfile } from './scalance.js';
import { solidserverProfile } from './solidserver.js';
import { ubntEdgePowerProfile } from './ubnt-edgepower.js';
// @routing-imports
import { apcPowerNetProfile } from './apc-powernet-mib.js';
import { aristaBgp4V2Profile } from './arista-bgp4v2-mib.js';
import { bfdStdMibProfile } from './bfd-std-mib.js';
import { bgp4MibProfile } from './bgp4-mib.js';
import { brocadeBgp4V2Profile } from './brocade-bgp4v2-mib.js';
import { ciscoBgp4Profile } from './cisco-bgp4-mib.js';
import { ciscoCdpProfile } from './cisco-cdp-mib.js';
import { ciscoHsrpProfile } from './cisco-hsrp-mib.js';
import { ciscoIetfIsisProfile } from './cisco-ietf-isis-mib.js';
import { cumulusBgpUnProfile } from './cumulus-bgpun-mib.js';
import { firebrickBgpProfile } from './firebrick-bgp.js';
import { dellOs10Bgp4V2Profile } from './dellemc-os10-bgp4v2-mib.js';
import { eatonXupsProfile } from './eaton-xups-mib.js';
import { force10Bgp4V2Profile } from './force10-bgp4-v2-mib.js';
import { huaweiBgpVpnProfile } from './huawei-bgp-vpn-mib.js';
import { ieee8023LagProfile } from './ieee8023-lag-mib.js';
import { isisMibProfile } from './isis-mib.js';
import { juniperBgp4V2Profile } from './juniper-bgp4-v2-mib.js';
import { lldpMibProfile } from './lldp-mib.js';
import { lldpV2MibProfile, timetraLldpProfile } from './lldp-v2-mib.js';
import { mgeUpsProfile } from './mge-ups-mib.js';
import { ospfMibProfile } from './ospf-mib.js';
import { ospfv3MibProfile } from './ospfv3-mib.js';
import { timetraBgpProfile } from './timetra-bgp-mib.js';
import { upsMibProfile } from './ups-mib.js';
import { vrrpMibProfile } from './vrrp-mib.js';
import { vrrpv3MibProfile } from './vrrpv3-mib.js';
// @vendors-imports
import { alcatelAosProfile } from './alcatel-aos.js';
import { arubaCxProfile } from './aruba-cx.js';
import { brocadeFoundryProfile } from './brocade-foundry.js';
import { dellFtosProfile } from './dell-ftos.js';
import { dellOs10Profile } from './dell-os10.js';
import { extremeProfile } from './extreme.js';
import { fiberhomeProfile } from './fiberhome.js';
import { nokiaTimosProfile } from './nokia-timos.js';
import { zteProfile } from './zte.js';

export const PROFILES: readonly Profile[] = [
  systemProfile,
  ifMibProfile,
  // @hardware-list
  ciscoEnvmonProfile,
  ciscoEntityFruProfile,
  ciscoRfProfile,
  ciscoStackwiseProfile,
  juniperProfile,
  huaweiEntityExtentProfile,
  huaweiEntityStateProfile,
  hh3cEntityExtProfile,
  h3cEntityExtProfile,
  hh3cLswDevmProfile,
  hpIcfPowerSupplyProfile,
  mikrotikProfile,
  fortinetProfile,
  // @wide-list
  apcRpdu2Profile,
  apcRpduProfile,
  brocadeSwProfile,
  cpqHealthProfile,
  dellServerProfile,
  radlanEnvProfile,
  rapidCityProfile,
  s5ChassisProfile,
  speedcarrierProfile,
  alliedEnvmonProfile,
  ciscoUcsProfile,
  ericssonIposProfile,
  fastpathBoxServicesProfile,
  fsSwitchProfile,
  hirschmannProfile,
  infineraXtmProfile,
  microsensProfile,
  nokiaEsaProfile,
  pepwaveProfile,
  qnapNasProfile,
  quantumLibraryProfile,
  supermicroBmcProfile,
  alpineOeProfile,
  checkpointGaiaProfile,
  cienaWaveserverProfile,
  dellCompellentProfile,
  fcMgmtProfile,
  fireeyeProfile,
  ...moxaProfiles,
  nscrtvEdfaProfile,
  omnitronProfile,
  scalanceProfile,
  solidserverProfile,
  ubntEdgePowerProfile,
  // @vendors-list
  zteProfile,
  nokiaTimosProfile,
  fiberhomeProfile,
  dellOs10Profile,
  dellFtosProfile,
  brocadeFoundryProfile,
  alcatelAosProfile,
  arubaCxProfile,
  extremeProfile,
  // DC power plants (动环 rectifier controllers)
  eltekSp2Profile,
  eltekDistributedProfile,
  vertivNetSureProfile,
  huaweiSmuProfile,
  // power inputs: transfer switch sources, PDU inlets
  apcAtsProfile,
  raritanPdu2Profile,
  // site monitors (动环 FSU inputs)
  sitebossProfile,
  // @routing-list
  // BGP: vendor MIBs (4-byte ASNs, IPv6, VRFs) before BGP4-MIB; the first to report a peer wins.
  ciscoBgp4Profile,
  juniperBgp4V2Profile,
  aristaBgp4V2Profile,
  cumulusBgpUnProfile,
  huaweiBgpVpnProfile,
  timetraBgpProfile,
  dellOs10Bgp4V2Profile,
  force10Bgp4V2Profile,
  brocadeBgp4V2Profile,
  firebrickBgpProfile,
  bgp4MibProfile,
  ospfMibProfile,
  ospfv3MibProfile,
  ciscoIetfIsisProfile,
  isisMibProfile,
  bfdStdMibProfile,
  vrrpMibProfile,
  vrrpv3MibProfile,
  ciscoHsrpProfile,
  // UPS: vendor MIBs first (richer states); the first source that knows a field wins.
  apcPowerNetProfile,
  eatonXupsProfile,
  mgeUpsProfile,
  upsMibProfile,
  ieee8023LagProfile,
  lldpMibProfile,
  lldpV2MibProfile,
  timetraLldpProfile,
  ciscoCdpProfile,
  entityProfile,
];
