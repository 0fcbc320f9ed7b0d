package io.jurist.modularityfixture.keeping.alpha.internal;

/** Inside the alpha module: public for alpha's own packages, not for other modules. */
public class Phrasebook {

    public String hello() {
        return "Hello";
    }
}
