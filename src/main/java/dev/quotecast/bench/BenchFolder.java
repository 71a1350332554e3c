package dev.quotecast.bench;

import dev.quotecast.config.OwnedFolders;
import dev.quotecast.transcript.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The work folder of {@code quotecast bench}: where it generates episodes, writes its lists and
 * logs, and builds indexes it wipes, folder and all, before every cold build. So it must be a
 * folder bench made. {@code --work ~/projects} must not cost a user a folder of theirs that
 * happens to be called {@code index-plain-101}, nor the files of a {@code generated-1000} folder.
 *
 * <p>A folder is bench's when it holds {@link #MARKER}, written the first time bench uses it; a new
 * or empty folder becomes bench's; so does one that holds nothing but what bench writes (a work
 * folder of a bench from before the marker). Anything else is refused, before anything is written.
 */
final class BenchFolder {

    /** The file that says bench made this folder and may delete what it wrote in it. */
    static final String MARKER = ".quotecast-bench";

    /** Every name bench writes directly in its work folder (the index folders with their siblings). */
    static final Pattern WRITTEN = Pattern.compile("index-(quotecast|plain|default|count)-\\d+(\\.(parsed|vectors|advice))?"
            + "|generated-\\d+|inputs-\\d+\\.txt|children\\.log|jfr|oneshot-(embeddings|keywords)\\.yml|slack-queries-\\d+\\.tsv");

    /** Why a folder cannot be bench's work folder. */
    static final class NotBenchs extends IOException {
        NotBenchs(String message) {
            super(message);
        }
    }

    private BenchFolder() {}

    /** Makes {@code work} bench's (creating it if need be), or throws {@link NotBenchs} and leaves it untouched. */
    static Path claim(Path work) throws IOException {
        Path marker = work.resolve(MARKER);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) return work;
        if (Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS)) throw new NotBenchs(Text.escape(work.toString()) + " is not a folder");
            List<String> others = OwnedFolders.foreignNames(work, n -> WRITTEN.matcher(n).matches());
            if (!others.isEmpty()) {
                throw new NotBenchs("refusing to work in " + Text.escape(work.toString()) + ": it holds " + OwnedFolders.listed(others)
                        + ", which bench did not write, and bench deletes what is in its work folder; choose a new or empty folder with --work");
            }
        }
        Files.createDirectories(work);
        Files.writeString(marker, "quotecast bench works here: it may delete the indexes and generated episodes it wrote in this folder\n");
        return work;
    }
}
