package dev.quotecast.bench;

/**
 * The default configuration (passages and questions embedded) beside keywords only, at one corpus
 * size: what issue 20 asked the benchmark to show, since the default is what users run.
 *
 * @param episodes the corpus size
 * @param passages passages in the library (each gets one vector)
 * @param embedding the first start over an empty index until every passage is embedded
 * @param keywords a warm engine with {@code index.embeddings: false}
 * @param embeddings a warm engine with embeddings on, every passage already embedded
 * @param load the one-minute load average before and after this size
 */
public record DefaultFigures(int episodes, long passages, Embedding embedding, Serving keywords, Serving embeddings, double[] load) {

    /**
     * A first start until fully embedded.
     *
     * @param readySeconds Engine.start returning (keyword index built, model loaded): the bot answers from here
     * @param embeddedSeconds from the start until every passage is embedded and the advice judged
     * @param mergedSeconds from the start until the vector index is also merged into one segment, as the bot serves it
     * @param passages passages embedded
     * @param cpuSeconds CPU of the whole process over {@code embeddedSeconds}, all threads
     */
    public record Embedding(double readySeconds, double embeddedSeconds, double mergedSeconds, long passages, double cpuSeconds) {

        /** Passages per second of the embedding phase alone (after the engine was ready). */
        public double passagesPerSecond() {
            return passages / (embeddedSeconds - readySeconds);
        }

        /** Seconds to embed {@code otherPassages} at this rate: the extrapolation to sizes not measured. */
        public double secondsFor(long otherPassages) {
            return otherPassages / passagesPerSecond();
        }
    }

    /**
     * A warm engine answering {@code ask}, each question new to it (so the question's vector is made).
     *
     * @param wall latency per question
     * @param cpu CPU time of the asking thread per question (the question's vector is made on it)
     * @param processCpuMillisPerAsk the whole process's CPU over the loop ÷ questions (any other thread included)
     * @param found questions answered
     * @param residentBytes the process's resident memory after the loop
     * @param heapBytes heap used after full collections
     * @param oneShotSeconds {@code quotecast ask} over the persisted index, process start to exit (median)
     */
    public record Serving(Latencies.Summary wall, Latencies.Summary cpu, double processCpuMillisPerAsk, int found,
                          long residentBytes, long heapBytes, double oneShotSeconds) {}
}
