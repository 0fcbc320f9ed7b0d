package io.jurist.modularityfixture.reaching.beta;

import io.jurist.modularityfixture.reaching.alpha.internal.Phrasebook;

/** Reaches past alpha's API into its internal package. */
public class Caller {

    public String call() {
        return new Phrasebook().hello();
    }
}
