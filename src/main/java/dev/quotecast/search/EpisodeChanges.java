package dev.quotecast.search;

import dev.quotecast.transcript.Episode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;

/**
 * What bringing an index in line with the transcripts takes. Both indexes record, per episode, the
 * checksum of the text they were built from ({@link IndexFolder#checksums}); an episode whose
 * checksum matches is left alone, one that differs or is new is written again, and one no longer
 * present goes.
 *
 * @param toWrite new and changed episodes, in the order given
 * @param stale ids of changed and removed episodes, whose documents must go
 */
record EpisodeChanges(List<Episode> toWrite, Set<String> stale, int added, int updated, int removed, int unchanged) {

    static EpisodeChanges between(Map<String, String> stored, Collection<Episode> episodes) {
        return between(stored, episodes, Set.of());
    }

    /**
     * As {@link #between(Map, Collection)}, with {@code kept}: ids held but not among {@code episodes}
     * that stay as they are (their folder or file could not be read: absent is not removed).
     */
    static EpisodeChanges between(Map<String, String> stored, Collection<Episode> episodes, Set<String> kept) {
        Set<String> present = new HashSet<>();
        List<Episode> toWrite = new ArrayList<>();
        Set<String> stale = new HashSet<>();
        int added = 0, updated = 0, removed = 0, unchanged = 0;
        for (Episode e : episodes) {
            present.add(e.id());
            String old = stored.get(e.id());
            if (e.checksum().equals(old)) {
                unchanged++;
                continue;
            }
            if (old != null) {
                stale.add(e.id());
                updated++;
            } else {
                added++;
            }
            toWrite.add(e);
        }
        for (String id : stored.keySet()) {
            if (!present.contains(id) && !kept.contains(id)) {
                stale.add(id);
                removed++;
            }
        }
        return new EpisodeChanges(List.copyOf(toWrite), Set.copyOf(stale), added, updated, removed, unchanged);
    }

    /**
     * {@link #toWrite} with the episodes the index never held first, then the changed ones, each in
     * the order given. For the vectors: embedding takes minutes, and an episode without any is
     * answered from keywords alone, so when a library grows its new episodes go before anything
     * is embedded again (issue 20).
     */
    List<Episode> toWriteNewFirst() {
        List<Episode> out = new ArrayList<>(toWrite.size());
        for (Episode e : toWrite) if (!stale.contains(e.id())) out.add(e);
        for (Episode e : toWrite) if (stale.contains(e.id())) out.add(e);
        return out;
    }

    /**
     * Deletes the stale documents. Call it before adding {@link #toWrite}: a delete by term touches
     * only documents added before it, so a changed episode's new documents stay.
     */
    void deleteStale(IndexWriter writer) throws IOException {
        for (String id : stale) writer.deleteDocuments(new Term(Fields.EPISODE, id));
    }
}
