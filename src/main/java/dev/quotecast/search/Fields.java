package dev.quotecast.search;

/** Lucene field names, in one place so both indexes and the searcher agree. */
final class Fields {
    private Fields() {}

    /** {@code passage} or {@code episode}. */
    static final String TYPE = "type";
    static final String EPISODE = "episode";
    static final String FIRST = "first";
    static final String LAST = "last";
    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String GUEST = "guest";
    /** Title plus the host's introduction of the guest: what the episode is about, in words a question uses. */
    static final String ABOUT = "about";
    static final String FILE = "file";
    static final String CHECKSUM = "checksum";

    static final String PASSAGE_TYPE = "passage";
    static final String EPISODE_TYPE = "episode";
}
