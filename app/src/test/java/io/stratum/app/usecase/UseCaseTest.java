package io.stratum.app.usecase;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Each test gets fresh {@link UseCases} in its own directory. */
abstract class UseCaseTest {
  @TempDir Path dir;
  UseCases u;

  @BeforeEach
  void openUseCases() {
    u = new UseCases(dir);
  }

  @AfterEach
  void closeUseCases() {
    u.close();
  }
}
