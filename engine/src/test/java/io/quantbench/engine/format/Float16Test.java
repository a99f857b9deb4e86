package io.quantbench.engine.format;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Float16Test {

    /** Every finite half, decoded from the IEEE definition: (-1)^s * 2^(e-15) * (1 + m/1024), or m * 2^-24 when e = 0. */
    @Test
    void everyHalfDecodesToItsValueAndBack() {
        for (int h = 0; h < 0x10000; h++) {
            int e = (h >> 10) & 0x1F;
            int m = h & 0x3FF;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            if (e == 0x1F) {
                float f = Float16.toFloat((short) h);
                assertTrue(m == 0 ? Float.isInfinite(f) : Float.isNaN(f), "half " + Integer.toHexString(h));
                continue;
            }
            double expected = e == 0 ? sign * m * Math.pow(2, -24) : sign * Math.pow(2, e - 15) * (1 + m / 1024.0);
            float f = Float16.toFloat((short) h);
            assertEquals(expected, f, 0.0, "half " + Integer.toHexString(h));
            assertEquals(h, Float16.fromFloat(f) & 0xFFFF, "round trip of half " + Integer.toHexString(h));
        }
    }

    /** Narrowing picks the nearest half, ties to the even one, checked against the two neighbours. */
    @Test
    void narrowingRoundsToNearestEven() {
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(40) - 25));
            short h = Float16.fromFloat(f);
            double value = Float16.toFloat(h);
            double error = Math.abs(value - f);
            for (int neighbour : new int[] {(h & 0xFFFF) - 1, (h & 0xFFFF) + 1}) {
                if ((neighbour & 0x7C00) == 0x7C00 || neighbour < 0 || neighbour > 0xFFFF
                        || ((neighbour ^ h) & 0x8000) != 0) {
                    continue;
                }
                double other = Math.abs(Float16.toFloat((short) neighbour) - f);
                assertTrue(error < other || (error == other && (h & 1) == 0),
                        f + " -> " + value + " but " + Float16.toFloat((short) neighbour) + " is nearer or even");
            }
        }
        assertEquals(0x7C00, Float16.fromFloat(70000f) & 0xFFFF, "overflow gives infinity");
        assertEquals(0x7BFF, Float16.fromFloat(65504f) & 0xFFFF);
        assertEquals(0x0001, Float16.fromFloat(0x1p-24f) & 0xFFFF, "smallest subnormal");
        assertEquals(0x0000, Float16.fromFloat(0x1p-25f) & 0xFFFF, "half of it is a tie, to even zero");
    }

    /** On JDK 20+ the JDK has its own conversion: ours must agree with it on every float pattern we try. */
    @Test
    void agreesWithTheJdkWhereItHasOne() throws Exception {
        Method toHalf;
        try {
            toHalf = Float.class.getMethod("floatToFloat16", float.class);
        } catch (NoSuchMethodException e) {
            return;                                           // JDK 17: nothing to compare with
        }
        Random random = new Random(2);
        for (int i = 0; i < 500_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(f)) {
                continue;
            }
            short jdk = (short) toHalf.invoke(null, f);
            assertEquals(jdk, Float16.fromFloat(f), "float " + f);
        }
    }
}
