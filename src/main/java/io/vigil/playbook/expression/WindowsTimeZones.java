package io.vigil.playbook.expression;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Logic Apps names time zones the Windows way ("Pacific Standard Time"); Java knows IANA names.
 * This maps the common Windows names (after CLDR's windowsZones table, main territory) and also
 * accepts IANA names. Names are matched ignoring case and punctuation, as the Logic Apps reference
 * allows.
 */
final class WindowsTimeZones {
  private static final Map<String, String> ZONES =
      Map.ofEntries(
          Map.entry("Dateline Standard Time", "Etc/GMT+12"),
          Map.entry("UTC-11", "Etc/GMT+11"),
          Map.entry("Hawaiian Standard Time", "Pacific/Honolulu"),
          Map.entry("Alaskan Standard Time", "America/Anchorage"),
          Map.entry("Pacific Standard Time (Mexico)", "America/Tijuana"),
          Map.entry("Pacific Standard Time", "America/Los_Angeles"),
          Map.entry("US Mountain Standard Time", "America/Phoenix"),
          Map.entry("Mountain Standard Time (Mexico)", "America/Mazatlan"),
          Map.entry("Mountain Standard Time", "America/Denver"),
          Map.entry("Central America Standard Time", "America/Guatemala"),
          Map.entry("Central Standard Time", "America/Chicago"),
          Map.entry("Central Standard Time (Mexico)", "America/Mexico_City"),
          Map.entry("Canada Central Standard Time", "America/Regina"),
          Map.entry("SA Pacific Standard Time", "America/Bogota"),
          Map.entry("Eastern Standard Time (Mexico)", "America/Cancun"),
          Map.entry("Eastern Standard Time", "America/New_York"),
          Map.entry("US Eastern Standard Time", "America/Indiana/Indianapolis"),
          Map.entry("Venezuela Standard Time", "America/Caracas"),
          Map.entry("Atlantic Standard Time", "America/Halifax"),
          Map.entry("SA Western Standard Time", "America/La_Paz"),
          Map.entry("Pacific SA Standard Time", "America/Santiago"),
          Map.entry("Newfoundland Standard Time", "America/St_Johns"),
          Map.entry("E. South America Standard Time", "America/Sao_Paulo"),
          Map.entry("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
          Map.entry("SA Eastern Standard Time", "America/Cayenne"),
          Map.entry("Greenland Standard Time", "America/Godthab"),
          Map.entry("UTC-02", "Etc/GMT+2"),
          Map.entry("Azores Standard Time", "Atlantic/Azores"),
          Map.entry("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
          Map.entry("UTC", "Etc/UTC"),
          Map.entry("Coordinated Universal Time", "Etc/UTC"),
          Map.entry("GMT Standard Time", "Europe/London"),
          Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
          Map.entry("Morocco Standard Time", "Africa/Casablanca"),
          Map.entry("W. Europe Standard Time", "Europe/Berlin"),
          Map.entry("Central Europe Standard Time", "Europe/Budapest"),
          Map.entry("Romance Standard Time", "Europe/Paris"),
          Map.entry("Central European Standard Time", "Europe/Warsaw"),
          Map.entry("W. Central Africa Standard Time", "Africa/Lagos"),
          Map.entry("GTB Standard Time", "Europe/Bucharest"),
          Map.entry("Middle East Standard Time", "Asia/Beirut"),
          Map.entry("Egypt Standard Time", "Africa/Cairo"),
          Map.entry("E. Europe Standard Time", "Europe/Chisinau"),
          Map.entry("South Africa Standard Time", "Africa/Johannesburg"),
          Map.entry("FLE Standard Time", "Europe/Kiev"),
          Map.entry("Israel Standard Time", "Asia/Jerusalem"),
          Map.entry("Jordan Standard Time", "Asia/Amman"),
          Map.entry("Arabic Standard Time", "Asia/Baghdad"),
          Map.entry("Turkey Standard Time", "Europe/Istanbul"),
          Map.entry("Arab Standard Time", "Asia/Riyadh"),
          Map.entry("Russian Standard Time", "Europe/Moscow"),
          Map.entry("E. Africa Standard Time", "Africa/Nairobi"),
          Map.entry("Iran Standard Time", "Asia/Tehran"),
          Map.entry("Arabian Standard Time", "Asia/Dubai"),
          Map.entry("Azerbaijan Standard Time", "Asia/Baku"),
          Map.entry("Afghanistan Standard Time", "Asia/Kabul"),
          Map.entry("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
          Map.entry("Pakistan Standard Time", "Asia/Karachi"),
          Map.entry("West Asia Standard Time", "Asia/Tashkent"),
          Map.entry("India Standard Time", "Asia/Kolkata"),
          Map.entry("Sri Lanka Standard Time", "Asia/Colombo"),
          Map.entry("Nepal Standard Time", "Asia/Kathmandu"),
          Map.entry("Central Asia Standard Time", "Asia/Almaty"),
          Map.entry("Bangladesh Standard Time", "Asia/Dhaka"),
          Map.entry("Myanmar Standard Time", "Asia/Yangon"),
          Map.entry("SE Asia Standard Time", "Asia/Bangkok"),
          Map.entry("North Asia Standard Time", "Asia/Krasnoyarsk"),
          Map.entry("China Standard Time", "Asia/Shanghai"),
          Map.entry("North Asia East Standard Time", "Asia/Irkutsk"),
          Map.entry("Singapore Standard Time", "Asia/Singapore"),
          Map.entry("W. Australia Standard Time", "Australia/Perth"),
          Map.entry("Taipei Standard Time", "Asia/Taipei"),
          Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
          Map.entry("Korea Standard Time", "Asia/Seoul"),
          Map.entry("Yakutsk Standard Time", "Asia/Yakutsk"),
          Map.entry("Cen. Australia Standard Time", "Australia/Adelaide"),
          Map.entry("AUS Central Standard Time", "Australia/Darwin"),
          Map.entry("E. Australia Standard Time", "Australia/Brisbane"),
          Map.entry("AUS Eastern Standard Time", "Australia/Sydney"),
          Map.entry("West Pacific Standard Time", "Pacific/Port_Moresby"),
          Map.entry("Tasmania Standard Time", "Australia/Hobart"),
          Map.entry("Vladivostok Standard Time", "Asia/Vladivostok"),
          Map.entry("New Zealand Standard Time", "Pacific/Auckland"),
          Map.entry("Fiji Standard Time", "Pacific/Fiji"),
          Map.entry("Tonga Standard Time", "Pacific/Tongatapu"));

  private static final Map<String, String> BY_KEY = byKey();

  private WindowsTimeZones() {}

  private static Map<String, String> byKey() {
    java.util.HashMap<String, String> keys = new java.util.HashMap<>();
    ZONES.forEach((windows, iana) -> keys.put(key(windows), iana));
    return Map.copyOf(keys);
  }

  /** The zone for a Windows or IANA name; throws IllegalArgumentException for an unknown one. */
  static ZoneId resolve(String name) {
    String iana = BY_KEY.get(key(name));
    if (iana != null) {
      return ZoneId.of(iana);
    }
    try {
      return ZoneId.of(name.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + name + "' is not a known time zone");
    }
  }

  static boolean isUtc(ZoneId zone) {
    return zone.normalized().equals(ZoneOffset.UTC);
  }

  /** Letters and digits only, lower-cased; '-' and '+' stay, to tell UTC-11 from UTC11. */
  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+-]", "");
  }
}
