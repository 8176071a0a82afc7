package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Wdl.check;
import static io.vigil.playbook.expression.Wdl.checkText;
import static io.vigil.playbook.expression.Wdl.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateTimeFunctionsTest {

  @Test
  void utcNowReadsTheContextClock() {
    checkText("@utcNow()", "2024-03-15T13:45:30.1234567Z");
    checkText("@utcNow('yyyy-MM-dd')", "2024-03-15");
    checkText("@utcNow('D')", "Friday, March 15, 2024");
  }

  @Test
  void addingUnitsGivesTheRoundTripFormat() {
    checkText("@addDays('2018-03-15T00:00:00Z', 10)", "2018-03-25T00:00:00.0000000Z");
    checkText("@addDays('2018-03-15T00:00:00Z', -5)", "2018-03-10T00:00:00.0000000Z");
    checkText("@addHours('2018-03-15T00:00:00Z', 10)", "2018-03-15T10:00:00.0000000Z");
    checkText("@addHours('2018-03-15T00:00:00Z', 1.5)", "2018-03-15T01:30:00.0000000Z");
    checkText("@addMinutes('2018-03-15T00:20:00Z', -5)", "2018-03-15T00:15:00.0000000Z");
    checkText("@addSeconds('2018-03-15T00:00:30Z', -5)", "2018-03-15T00:00:25.0000000Z");
    checkText("@addDays(utcNow(), -7, 'yyyy-MM-ddTHH:mm:ssZ')", "2024-03-08T13:45:30Z");
    checkText("@addDays('2024-01-31T10:00:00+02:00', 1)", "2024-02-01T08:00:00.0000000Z");
    checkText("@addDays('2024-01-31', 1)", "2024-02-01T00:00:00.0000000");
    assertThat(error("@addDays('yesterday', 1)").getMessage())
        .contains("function 'addDays' expects its first parameter to be a timestamp");
  }

  @Test
  void addToTimeAndFriendsTakeAUnitName() {
    checkText("@addToTime('2018-01-01T00:00:00Z', 1, 'Day')", "2018-01-02T00:00:00.0000000Z");
    checkText("@addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", "Tuesday, January 2, 2018");
    checkText("@addToTime('2018-01-31T00:00:00Z', 1, 'month')", "2018-02-28T00:00:00.0000000Z");
    checkText("@addToTime('2018-01-01T00:00:00Z', 2, 'Weeks')", "2018-01-15T00:00:00.0000000Z");
    checkText(
        "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')", "2018-01-01T00:00:00.0000000Z");
    checkText("@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Year', 'yyyy')", "2017");
    checkText("@getFutureTime(5, 'Day')", "2024-03-20T13:45:30.1234567Z");
    checkText("@getPastTime(1, 'Hour', 'HH:mm')", "12:45");
    assertThat(error("@addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')").getMessage())
        .contains("'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'");
  }

  @Test
  void formatDateTimeWithStandardFormats() {
    String t = "'2018-03-15T13:07:05.1200000Z'";
    checkText("@formatDateTime(" + t + ")", "2018-03-15T13:07:05.1200000Z");
    checkText("@formatDateTime(" + t + ", 'o')", "2018-03-15T13:07:05.1200000Z");
    checkText("@formatDateTime(" + t + ", 's')", "2018-03-15T13:07:05");
    checkText("@formatDateTime(" + t + ", 'u')", "2018-03-15 13:07:05Z");
    checkText("@formatDateTime(" + t + ", 'd')", "3/15/2018");
    checkText("@formatDateTime(" + t + ", 'D')", "Thursday, March 15, 2018");
    checkText("@formatDateTime(" + t + ", 'g')", "3/15/2018 1:07 PM");
    checkText("@formatDateTime(" + t + ", 'G')", "3/15/2018 1:07:05 PM");
    checkText("@formatDateTime(" + t + ", 'r')", "Thu, 15 Mar 2018 13:07:05 GMT");
    checkText("@formatDateTime(" + t + ", 't')", "1:07 PM");
    checkText("@formatDateTime(" + t + ", 'M')", "March 15");
    checkText("@formatDateTime(" + t + ", 'y')", "March 2018");
    assertThat(error("@formatDateTime(" + t + ", 'Q')").getMessage())
        .contains("'Q' is not a standard date and time format");
  }

  @Test
  void formatDateTimeWithCustomFormats() {
    String t = "'2018-03-05T09:07:05.1200000Z'";
    checkText("@formatDateTime(" + t + ", 'yyyy-MM-dd')", "2018-03-05");
    checkText("@formatDateTime(" + t + ", 'yyyy-MM-ddTHH:mm:ssZ')", "2018-03-05T09:07:05Z");
    checkText("@formatDateTime(" + t + ", 'MM/dd/yyyy HH:mm')", "03/05/2018 09:07");
    checkText("@formatDateTime(" + t + ", 'M/d/yy h:m:s tt')", "3/5/18 9:7:5 AM");
    checkText("@formatDateTime(" + t + ", 'dddd, MMMM d')", "Monday, March 5");
    checkText("@formatDateTime(" + t + ", 'ddd MMM')", "Mon Mar");
    checkText("@formatDateTime(" + t + ", 'HH:mm:ss.fff')", "09:07:05.120");
    checkText("@formatDateTime(" + t + ", 'ss.FFFF')", "05.12");
    checkText("@formatDateTime('2018-03-05T09:07:05Z', 'ss.FFFF')", "05");
    checkText("@formatDateTime(" + t + ", 'yyyy''s'' \"day\" \\d')", "2018s day d");
    checkText("@formatDateTime(" + t + ", '%d')", "5");
    checkText("@formatDateTime(" + t + ", 'K zzz')", "Z +00:00");
    checkText("@formatDateTime(" + t + ", 'dd MMMM yyyy', 'fr-FR')", "05 mars 2018");
  }

  @Test
  void timestampsInOtherLayoutsAreRead() {
    checkText(
        "@formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')", "2018-03-15T12:00:00");
    checkText("@formatDateTime('3/15/2018 1:30 PM', 'HH:mm')", "13:30");
    checkText("@formatDateTime('Thu, 15 Mar 2018 13:07:05 GMT')", "2018-03-15T13:07:05.0000000Z");
    checkText("@formatDateTime('2018-03-15T13:07:05.123456789Z')", "2018-03-15T13:07:05.1234567Z");
    checkText("@formatDateTime('2018-03-15 13:07')", "2018-03-15T13:07:00.0000000");
  }

  @Test
  void startsOfPeriods() {
    checkText("@startOfDay('2018-03-15T13:30:30Z')", "2018-03-15T00:00:00.0000000Z");
    checkText("@startOfHour('2018-03-15T13:30:30Z')", "2018-03-15T13:00:00.0000000Z");
    checkText("@startOfMonth('2018-03-15T13:30:30Z')", "2018-03-01T00:00:00.0000000Z");
    checkText("@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')", "2018-03-01");
  }

  @Test
  void partsOfADate() {
    check("@dayOfWeek('2018-03-15T13:27:36Z')", "4");
    check("@dayOfWeek('2018-03-18T13:27:36Z')", "0");
    check("@dayOfMonth('2018-03-15T13:27:36Z')", "15");
    check("@dayOfYear('2018-03-15T13:27:36Z')", "74");
  }

  @Test
  void ticksCountFromYearOne() {
    check("@ticks('2018-03-15T13:00:00Z')", "636567156000000000");
    check("@ticks('0001-01-01T00:00:00Z')", "0");
    check("@ticks('2018-03-15T13:00:00.0000001Z')", "636567156000000001");
  }

  @Test
  void dateDifferenceIsATimeSpan() {
    checkText("@dateDifference('2015-02-08', '2018-07-30')", "1268.00:00:00");
    checkText(
        "@dateDifference('2018-07-30T10:00:00Z', '2018-07-30T08:30:00.5Z')", "-01:29:59.5000000");
  }

  @Test
  void timeZones() {
    checkText(
        "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')",
        "2018-01-01T00:00:00.0000000");
    checkText(
        "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')",
        "Monday, January 1, 2018");
    checkText(
        "@convertFromUtc('2018-07-01T08:00:00Z', 'W. Europe Standard Time', 'HH:mm')", "10:00");
    checkText("@convertFromUtc('2018-07-01T08:00:00Z', 'Europe/Paris', 'HH:mm')", "10:00");
    checkText(
        "@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')",
        "2018-01-01T08:00:00.0000000Z");
    checkText(
        "@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')",
        "2018-01-01T00:00:00.0000000");
    checkText(
        "@convertTimeZone('2018-01-01T00:00:00', 'Tokyo Standard Time', 'UTC')",
        "2017-12-31T15:00:00.0000000Z");
    checkText("@convertFromUtc('2018-01-01T08:00:00Z', 'india standard time', 'HH:mm')", "13:30");
    assertThat(error("@convertFromUtc('2018-01-01T08:00:00Z', 'Mars Standard Time')").getMessage())
        .contains("'Mars Standard Time' is not a known time zone");
  }

  @Test
  void parseDateTimeWithLocaleOrFormat() {
    checkText("@parseDateTime('20/10/2014', 'fr-FR')", "2014-10-20T00:00:00.0000000");
    checkText("@parseDateTime('10/20/2014 15:00', 'en-US')", "2014-10-20T15:00:00.0000000");
    checkText("@parseDateTime('20.10.2014 15:30', 'de-DE')", "2014-10-20T15:30:00.0000000");
    checkText("@parseDateTime('2014-10-20T15:30:00Z')", "2014-10-20T15:30:00.0000000Z");
    checkText(
        "@parseDateTime('20 October 2014', 'en-US', 'dd MMMM yyyy')",
        "2014-10-20T00:00:00.0000000");
    checkText(
        "@parseDateTime('2014/10/20 03:04 PM', 'en-US', 'yyyy/MM/dd hh:mm tt')",
        "2014-10-20T15:04:00.0000000");
    assertThat(error("@parseDateTime('xx', 'en-US', 'yyyy')").getMessage())
        .contains("does not match the format 'yyyy'");
  }
}
