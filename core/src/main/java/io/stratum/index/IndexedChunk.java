package io.stratum.index;

import io.stratum.chunk.Chunk;

/** A chunk with its vector, ready to be written. */
public record IndexedChunk(Chunk chunk, float[] vector) {}
