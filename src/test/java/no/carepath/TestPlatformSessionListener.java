package no.carepath;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** After the last test: close the application, then Keycloak and PostgreSQL, in that order. */
public class TestPlatformSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestPlatform.stopIfStarted();
  }
}
