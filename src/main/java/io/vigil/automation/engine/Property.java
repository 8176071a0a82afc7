package io.vigil.automation.engine;

import io.vigil.incident.EntityKind;

/**
 * The properties a condition can test, by Sentinel's names. Entity properties name the entity kind
 * and the Sentinel property they read; such a condition holds when any entity of that kind
 * satisfies it.
 */
public enum Property {
  IncidentTitle,
  IncidentDescription,
  IncidentSeverity,
  IncidentStatus,
  IncidentRelatedAnalyticRuleIds,
  IncidentTactics,
  IncidentLabel,
  IncidentProviderName,
  IncidentUpdatedBySource,
  IncidentCustomDetailsKey,
  IncidentCustomDetailsValue,
  AlertProductNames,
  AlertAnalyticRuleIds,
  AccountAadTenantId(EntityKind.Account, "aadTenantId"),
  AccountAadUserId(EntityKind.Account, "aadUserId"),
  AccountName(EntityKind.Account, "accountName"),
  AccountNTDomain(EntityKind.Account, "ntDomain"),
  AccountPUID(EntityKind.Account, "puid"),
  AccountSid(EntityKind.Account, "sid"),
  AccountObjectGuid(EntityKind.Account, "objectGuid"),
  AccountUPNSuffix(EntityKind.Account, "upnSuffix"),
  AzureResourceResourceId(EntityKind.AzureResource, "resourceId"),
  AzureResourceSubscriptionId(EntityKind.AzureResource, "subscriptionId"),
  CloudApplicationAppId(EntityKind.CloudApplication, "appId"),
  CloudApplicationAppName(EntityKind.CloudApplication, "appName"),
  DNSDomainName(EntityKind.DnsResolution, "domainName"),
  FileDirectory(EntityKind.File, "directory"),
  FileName(EntityKind.File, "fileName"),
  FileHashValue(EntityKind.FileHash, "hashValue"),
  HostAzureID(EntityKind.Host, "azureID"),
  HostName(EntityKind.Host, "hostName"),
  HostNetBiosName(EntityKind.Host, "netBiosName"),
  HostNTDomain(EntityKind.Host, "ntDomain"),
  HostOSVersion(EntityKind.Host, "osVersion"),
  IoTDeviceId(EntityKind.IoTDevice, "deviceId"),
  IoTDeviceName(EntityKind.IoTDevice, "deviceName"),
  IoTDeviceType(EntityKind.IoTDevice, "deviceType"),
  IoTDeviceVendor(EntityKind.IoTDevice, "vendor"),
  IoTDeviceModel(EntityKind.IoTDevice, "model"),
  IoTDeviceOperatingSystem(EntityKind.IoTDevice, "operatingSystem"),
  IPAddress(EntityKind.Ip, "address"),
  MailboxDisplayName(EntityKind.Mailbox, "displayName"),
  MailboxPrimaryAddress(EntityKind.Mailbox, "mailboxPrimaryAddress"),
  MailboxUPN(EntityKind.Mailbox, "upn"),
  MailMessageDeliveryAction(EntityKind.MailMessage, "deliveryAction"),
  MailMessageDeliveryLocation(EntityKind.MailMessage, "deliveryLocation"),
  MailMessageRecipient(EntityKind.MailMessage, "recipient"),
  MailMessageSenderIP(EntityKind.MailMessage, "senderIP"),
  MailMessageSubject(EntityKind.MailMessage, "subject"),
  MailMessageP1Sender(EntityKind.MailMessage, "p1Sender"),
  MailMessageP2Sender(EntityKind.MailMessage, "p2Sender"),
  MalwareCategory(EntityKind.Malware, "category"),
  MalwareName(EntityKind.Malware, "malwareName"),
  ProcessCommandLine(EntityKind.Process, "commandLine"),
  ProcessId(EntityKind.Process, "processId"),
  RegistryKey(EntityKind.RegistryKey, "key"),
  RegistryValueData(EntityKind.RegistryValue, "valueData"),
  Url(EntityKind.Url, "url");

  private final EntityKind entityKind;
  private final String entityProperty;

  Property() {
    this(null, null);
  }

  Property(EntityKind entityKind, String entityProperty) {
    this.entityKind = entityKind;
    this.entityProperty = entityProperty;
  }

  /** The entity kind this property reads, or null for incident and alert properties. */
  public EntityKind entityKind() {
    return entityKind;
  }

  public String entityProperty() {
    return entityProperty;
  }
}
