package io.promptsuite.cyclefixture.b;

import io.promptsuite.cyclefixture.a.Upper;

/** The other half of the deliberate cycle: it reaches back up. */
public class Lower {

    public int depth() {
        return 0;
    }

    public Upper parent() {
        return new Upper();
    }
}
