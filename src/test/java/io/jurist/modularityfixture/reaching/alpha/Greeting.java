package io.jurist.modularityfixture.reaching.alpha;

import io.jurist.modularityfixture.reaching.alpha.internal.Phrasebook;

/** The alpha module's API. */
public class Greeting {

    public String to(String name) {
        return new Phrasebook().hello() + ", " + name;
    }
}
