package dev.quotecast.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of a model's inputs, in input order, as its files record them: every feature set is an
 * enum whose constant order is the column order, and a model refuses to load when the names it
 * was trained on differ from the ones the build computes.
 */
public final class FeatureNames {

    private FeatureNames() {}

    /** The constants' names in declaration order, in a list of the caller's own. */
    public static <E extends Enum<E>> List<String> of(Class<E> features) {
        List<String> out = new ArrayList<>();
        for (E f : features.getEnumConstants()) out.add(f.name());
        return out;
    }
}
