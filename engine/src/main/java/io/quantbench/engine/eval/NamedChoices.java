package io.quantbench.engine.eval;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup of an option value by its external name (e.g. sacreBLEU's "13a", "add-k"), with the valid names in the error. */
final class NamedChoices {

    private NamedChoices() {
    }

    /** The names of {@code values}, comma-separated, for error messages. */
    static <E> String names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }

    /** The value called {@code wanted}; an unknown name is an error that lists the valid ones. */
    static <E> E byName(E[] values, Function<E, String> name, String wanted, String what) {
        for (E value : values) {
            if (name.apply(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + wanted + "'; valid " + what + "s: " + names(values, name));
    }
}
