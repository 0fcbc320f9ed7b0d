package io.jurist.modularityfixture.keeping.alpha;

import io.jurist.modularityfixture.keeping.alpha.internal.Phrasebook;

/** The alpha module's API. */
public class Greeting {

    public String to(String name) {
        return new Phrasebook().hello() + ", " + name;
    }
}
