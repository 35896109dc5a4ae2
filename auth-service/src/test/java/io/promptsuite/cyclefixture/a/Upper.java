package io.promptsuite.cyclefixture.a;

import io.promptsuite.cyclefixture.b.Lower;

/** Half of a deliberate package cycle that PackageCyclesTest must detect. */
public class Upper {

    public int size() {
        return new Lower().depth() + 1;
    }
}
