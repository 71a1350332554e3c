package dev.quotecast.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;

/**
 * Parts of speech, where word shapes are not enough: tells a statement from a fragment of an answer.
 * In conversation a guest often answers the host's question with a noun phrase ("Courage.", "The
 * childhood memories of a God.", "I think consciousness."): the words that make it mean something
 * are in the question, which a quote does not show. Word shapes cannot see it (the fragment is capitalised, ends cleanly and may hold the
 * topic's word); the missing verb can. A sentence is a fragment when it has no verb or auxiliary
 * once a leading "I think" / "I guess" / "I mean" / "I believe" is set aside (that verb hedges the
 * fragment, it does not make a statement of it).
 *
 * <p>The verbs come from Apache OpenNLP's English part-of-speech model (Universal Dependencies,
 * English Web Treebank: web and conversational text, which suits transcripts). On the labeled quote
 * candidates of the train episodes, 97 first sentences are fragments by this test and 4 of them
 * were judged worth posting (4%, against 15% of all candidates), most of those a verb the tagger
 * read as a noun ("The internet routes around censorship."): eval/QUALITY.md, "What the bot posts unasked".
 *
 * <p>A tagger is not thread-safe and is cheap beside its model, so each thread keeps its own over
 * the one shared model, which loads when a quote first needs it.
 */
public final class PartsOfSpeech {

    /** The model inside {@code org.apache.opennlp:opennlp-models-pos-en}. */
    static final String MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private static final Set<String> HEDGES = Set.of("think", "guess", "mean", "believe");
    /** After a hedge, these open a clause or a complement of the hedge itself ("I think about dangers."), not a fragment. */
    private static final Set<String> NOT_A_FRAGMENT_AFTER_HEDGE = Set.of("ADP", "SCONJ", "PRON");
    private static final Set<String> VERBS = Set.of("VERB", "AUX");
    /** Clitics the treebank writes as words of their own ("I" "'m"). */
    private static final Set<String> CLITICS = Set.of("'s", "'re", "'m", "'ll", "'ve", "'d");

    /** Loads the model; null when there is none. */
    private final Supplier<POSModel> model;
    /** Each thread's tagger over the model, made on the first question: a one-shot {@code ask} never pays for the model. */
    private volatile ThreadLocal<POSTaggerME> taggers;

    private PartsOfSpeech(Supplier<POSModel> model) {
        this.model = model;
    }

    /** No tagger: nothing is a fragment (training and the tests that do not judge quotes). */
    public static PartsOfSpeech none() {
        return new PartsOfSpeech(null);
    }

    /** The English model shipped on the classpath, loaded (about 0.2 s) when a quote first needs it. */
    public static PartsOfSpeech shipped() {
        return new PartsOfSpeech(() -> {
            try (InputStream in = PartsOfSpeech.class.getResourceAsStream(MODEL)) {
                if (in == null) throw new IOException("no part-of-speech model at " + MODEL + " on the classpath (opennlp-models-pos-en)");
                return new POSModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private POSTaggerME tagger() {
        ThreadLocal<POSTaggerME> t = taggers;
        if (t == null) {
            synchronized (this) {
                if (taggers == null) {
                    POSModel loaded = model.get();
                    taggers = ThreadLocal.withInitial(() -> new POSTaggerME(loaded));
                }
                t = taggers;
            }
        }
        return t.get();
    }

    /** True when the tagger is loaded and {@code sentence} has no verb of its own. */
    public boolean isFragment(String sentence) {
        if (model == null) return false;
        List<String> tokens = tokens(sentence);
        if (tokens.isEmpty()) return false;
        for (String t : tokens) if (t.length() > 1 && t.startsWith("'") || t.equals("n't")) return false; // "I'm", "don't": a verb the tokens carry
        String[] words = tokens.toArray(new String[0]);
        String[] tags = tagger().tag(words);
        int from = 0;
        if (words.length > 2 && words[0].equals("I") && HEDGES.contains(words[1].toLowerCase(Locale.ROOT))
                && !NOT_A_FRAGMENT_AFTER_HEDGE.contains(tags[2])) {
            from = 2;
        }
        for (int i = from; i < tags.length; i++) if (VERBS.contains(tags[i])) return false;
        return true;
    }

    /**
     * True when the tagger reads {@code word} as a verb in most of {@code sentences} (the sentences
     * it occurs in): a key topic of one word must not be a bare verb ("reciprocate"). A word alone
     * is too ambiguous to tag ("drilling", "review"); the sentences it was said in are not. Only
     * verbs are asked about: the tagger reads rare nouns as adjectives or worse ("latency" ADJ,
     * "myths" PRON in the Vervaeke episode), and a rule on nouns would drop them. False with no
     * tagger loaded, or when the word is not found, so that nothing is left out for want of a model.
     */
    public boolean mostlyVerb(String word, List<String> sentences) {
        if (model == null) return false;
        int verbs = 0, seen = 0;
        for (String sentence : sentences) {
            String[] words = tokens(sentence).toArray(new String[0]);
            String[] tags = tagger().tag(words);
            for (int i = 0; i < words.length; i++) {
                if (!words[i].equalsIgnoreCase(word)) continue;
                seen++;
                if (VERBS.contains(tags[i])) verbs++;
            }
        }
        return seen > 0 && 2 * verbs > seen;
    }

    /**
     * Words and punctuation as the English Web Treebank writes them: clitics apart ("do" "n't",
     * "I" "'m"), punctuation at either end of a word apart.
     */
    static List<String> tokens(String sentence) {
        List<String> out = new ArrayList<>();
        for (String word : sentence.replace('\u2019', '\'').trim().split("\\s+")) {
            int start = 0, end = word.length();
            while (start < end && "\"“(['".indexOf(word.charAt(start)) >= 0) out.add(String.valueOf(word.charAt(start++)));
            List<String> trailing = new ArrayList<>();
            while (end > start && ".,!?;:\"”)]".indexOf(word.charAt(end - 1)) >= 0) trailing.add(0, String.valueOf(word.charAt(--end)));
            String core = word.substring(start, end);
            String lower = core.toLowerCase(Locale.ROOT);
            int apostrophe = core.lastIndexOf('\'');
            if (lower.endsWith("n't") && core.length() > 3) {
                out.add(core.substring(0, core.length() - 3));
                out.add("n't");
            } else if (apostrophe > 0 && CLITICS.contains(lower.substring(apostrophe))) {
                out.add(core.substring(0, apostrophe));
                out.add(core.substring(apostrophe));
            } else if (!core.isEmpty()) {
                out.add(core);
            }
            out.addAll(trailing);
        }
        return out;
    }
}
