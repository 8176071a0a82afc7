package io.vigil.incident;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sentinel's entity kinds and the properties each one has, with their JSON types, as in the
 * Microsoft.SecurityInsights specification. {@link #friendlyNameProperty()} says which property
 * Sentinel shows as the entity's name.
 */
public enum EntityKind {
  Account(
      "accountName",
      "aadTenantId aadUserId accountName displayName hostEntityId isDomainJoined:bool ntDomain"
          + " objectGuid puid sid upnSuffix dnsDomain"),
  Host(
      "hostName",
      "azureID dnsDomain hostName isDomainJoined:bool netBiosName ntDomain omsAgentID osFamily"
          + " osVersion"),
  Ip("address", "address location:object threatIntelligence:array"),
  Url("url", "url"),
  FileHash("hashValue", "algorithm hashValue"),
  File("fileName", "directory fileHashEntityIds:strings fileName hostEntityId"),
  Process(
      "commandLine",
      "accountEntityId commandLine creationTimeUtc:time elevationToken hostEntityId"
          + " hostLogonSessionEntityId imageFileEntityId parentProcessEntityId processId"),
  Mailbox(
      "mailboxPrimaryAddress", "mailboxPrimaryAddress displayName upn externalDirectoryObjectId"),
  MailMessage(
      "subject",
      "fileEntityIds:strings recipient urls:strings threats:strings p1Sender p1SenderDisplayName"
          + " p1SenderDomain senderIP p2Sender p2SenderDisplayName p2SenderDomain receiveDate:time"
          + " networkMessageId internetMessageId subject language threatDetectionMethods:strings"
          + " bodyFingerprintBin1:int bodyFingerprintBin2:int bodyFingerprintBin3:int"
          + " bodyFingerprintBin4:int bodyFingerprintBin5:int antispamDirection deliveryAction"
          + " deliveryLocation"),
  DnsResolution(
      "domainName",
      "dnsServerIpEntityId domainName hostIpAddressEntityId ipAddressEntityIds:strings"),
  AzureResource("resourceId", "resourceId subscriptionId"),
  CloudApplication("appName", "appId:int appName instanceName"),
  Malware("malwareName", "category fileEntityIds:strings malwareName processEntityIds:strings"),
  RegistryKey("key", "hive key"),
  RegistryValue("valueData", "keyEntityId valueData valueName valueType"),
  SecurityGroup("distinguishedName", "distinguishedName objectGuid sid"),
  IoTDevice(
      "deviceName",
      "deviceId deviceName source iotSecurityAgentId deviceType vendor edgeId macAddress model"
          + " serialNumber firmwareVersion operatingSystem iotHubEntityId hostEntityId"
          + " ipAddressEntityId threatIntelligence:array protocols:strings"),
  MailCluster(
      "query",
      "networkMessageIds:strings countByDeliveryStatus:object countByThreatType:object"
          + " countByProtectionStatus:object threats:strings query queryTime:time mailCount:int"
          + " isVolumeAnomaly:bool source clusterSourceIdentifier clusterSourceType"
          + " clusterQueryStartTime:time clusterQueryEndTime:time clusterGroup"),
  SubmissionMail(
      "recipient",
      "networkMessageId submissionId submitter submissionDate:time timestamp:time recipient sender"
          + " senderIp subject reportType");

  /** The JSON type of an entity property. */
  public enum PropertyType {
    STRING,
    BOOLEAN,
    INTEGER,
    NUMBER,
    DATE_TIME,
    STRINGS,
    OBJECT,
    ARRAY
  }

  private final String friendlyNameProperty;
  private final Map<String, PropertyType> properties = new LinkedHashMap<>();

  EntityKind(String friendlyNameProperty, String spec) {
    this.friendlyNameProperty = friendlyNameProperty;
    for (String entry : spec.split("\\s+")) {
      String[] parts = entry.split(":");
      PropertyType type =
          parts.length == 1
              ? PropertyType.STRING
              : switch (parts[1]) {
                case "bool" -> PropertyType.BOOLEAN;
                case "int" -> PropertyType.INTEGER;
                case "time" -> PropertyType.DATE_TIME;
                case "strings" -> PropertyType.STRINGS;
                case "object" -> PropertyType.OBJECT;
                case "array" -> PropertyType.ARRAY;
                default -> throw new IllegalArgumentException(entry);
              };
      properties.put(parts[0], type);
    }
  }

  /** The kind's own properties (besides {@code additionalData} and {@code friendlyName}). */
  public Map<String, PropertyType> properties() {
    return properties;
  }

  public String friendlyNameProperty() {
    return friendlyNameProperty;
  }
}
