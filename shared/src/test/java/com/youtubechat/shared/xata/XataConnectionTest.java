package com.youtubechat.shared.xata;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.DatabaseBusyException;
import com.youtubechat.shared.error.DatabaseException;
import com.youtubechat.shared.error.DatabaseUnavailableException;
import com.youtubechat.shared.error.YoutubeChatException;
import com.youtubechat.shared.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a failed connection attempt is named: what waits, and what a person must fix. */
class XataConnectionTest {

  private static <T extends YoutubeChatException> T connectFails(String url, Class<T> expected) {
    ConfigReader config = new ConfigReader(Map.of("XATA_DB_URL", url));
    XataSettings settings = XataSettings.read(config);
    config.validate();
    try (XataConnection connection = new XataConnection(settings)) {
      return assertThrows(expected, connection::get);
    }
  }

  @Test
  void serverRefusingConnections_isUnavailable_andWaitedFor() {
    DatabaseUnavailableException e = connectFails("postgresql://postgres@127.0.0.1:1/db", DatabaseUnavailableException.class);
    assertTrue(e.retryable());
    assertTrue(e.getMessage().startsWith("Database unavailable: Connecting to jdbc:postgresql://127.0.0.1:1/db"), e.getMessage());
  }

  @Test
  void noConnectionSlotFree_isBusy_andWaitedFor() {
    try (XataConnection admin = TestDatabase.fresh()) {
      DatabaseBusyException e = connectFails(TestDatabase.urlOfRoleWithConnectionLimit(admin, "ytc_no_slots", 0),
          DatabaseBusyException.class);
      assertTrue(e.retryable() && e.getMessage().contains("SQLSTATE 53300"), e.getMessage());
    }
  }

  @Test
  void unknownHost_isAConfigurationErrorNamingTheVariable() {
    DatabaseException e = connectFails("postgresql://app@no-such-host.invalid:5432/db", DatabaseException.class);
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("not known") && e.getMessage().contains("check XATA_DB_URL"), e.getMessage());
  }

  @Test
  void tlsRequiredByTheUrlButNotOffered_isAConfigurationErrorNamingTheVariable() {
    TestDatabase.url(); // the test server offers no TLS
    String url = TestDatabase.url() + (TestDatabase.url().contains("?") ? "&" : "?") + "sslmode=require";
    DatabaseException e = connectFails(url, DatabaseException.class);
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("XATA_DB_URL requires TLS"), e.getMessage());
    assertFalse(e.getMessage().contains("sslmode=require&") || e.getMessage().contains("?sslmode"),
        "the URL's query (which may hold a password) is left out: " + e.getMessage());
  }
}
