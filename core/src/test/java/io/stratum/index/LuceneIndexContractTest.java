package io.stratum.index;

import io.stratum.embed.Embedder;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Lucene index keeps the index contract. */
class LuceneIndexContractTest extends CorpusIndexContract {
  @TempDir Path dir;

  @Override
  protected CorpusIndex open(Embedder embedder) {
    return LuceneIndex.open(dir, embedder);
  }
}
