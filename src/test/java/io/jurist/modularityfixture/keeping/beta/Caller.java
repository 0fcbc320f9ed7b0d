package io.jurist.modularityfixture.keeping.beta;

import io.jurist.modularityfixture.keeping.alpha.Greeting;

/** Uses alpha through its API only. */
public class Caller {

    public String call() {
        return new Greeting().to("beta");
    }
}
