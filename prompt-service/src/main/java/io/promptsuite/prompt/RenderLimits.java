package io.promptsuite.prompt;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one render, one publish check and one diff may cost. Work is counted, not output: a template whose sections
 * iterate over arrays while writing nothing is stopped as surely as one that writes megabytes.
 */
@ConfigMapping(prefix = "prompt.render")
public interface RenderLimits {

    /** Units of work one render may spend: each section evaluated, each item a section iterates, each write. */
    @WithDefault("1000000")
    long maxWork();

    /** Wall time one render may take on a worker thread; past it the answer is 422 RENDER_TOO_EXPENSIVE. */
    @WithDefault("PT1S")
    Duration timeout();

    /** Work a render may spend on the event loop before it is handed, from scratch, to a worker thread. */
    @WithDefault("20000")
    long eventLoopWork();

    /** Wall time a render may take on the event loop before it moves to a worker thread. */
    @WithDefault("PT0.005S")
    Duration eventLoopTimeout();

    /** Variables (as JSON) larger than this are validated and rendered on a worker thread, never on the event loop. */
    @WithDefault("4096")
    int eventLoopVariablesBytes();

    /** Versions whose variables schema (as JSON) is larger than this are validated on a worker thread. */
    @WithDefault("8192")
    int eventLoopSchemaBytes();

    /** Characters one rendered text (or one message) may have. */
    @WithDefault("2097152")
    int maxOutputChars();

    /** How deep sections, inverted sections, blocks and parent tags may nest in one template. */
    @WithDefault("16")
    int maxDepth();

    /** Sections and inverted sections one template may hold. */
    @WithDefault("500")
    int maxSections();

    /** Partial and parent tags one template may hold. */
    @WithDefault("200")
    int maxPartialTags();

    /** How deep partials may include partials (and parents name parents). */
    @WithDefault("8")
    int maxPartialDepth();

    /**
     * Tags of a template once every partial and parent is expanded (sections counted once): bounds what one pass
     * over the template costs, however many times partials include partials.
     */
    @WithDefault("20000")
    int maxExpandedTags();

    /** Lines of each side a diff compares; beyond them the diff is cut and says {@code truncated: true}. */
    @WithDefault("5000")
    int diffMaxLines();

    /** Characters of each side a diff compares; beyond them the diff is cut and says {@code truncated: true}. */
    @WithDefault("1000000")
    int diffMaxChars();

    /** Wall time a diff may take; past it the answer is 422 DIFF_TOO_EXPENSIVE. */
    @WithDefault("PT1S")
    Duration diffTimeout();
}
