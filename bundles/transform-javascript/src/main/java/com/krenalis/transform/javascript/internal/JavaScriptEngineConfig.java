package com.krenalis.transform.javascript.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis JavaScript transformation engine")
public @interface JavaScriptEngineConfig {
    @AttributeDefinition(description = "Most memory one call of a function may allocate, in MB, garbage included "
            + "(measured per thread by the JVM); beyond it the record fails. 0 = no limit")
    int allocationLimitMegabytes() default 512;

    @AttributeDefinition(description = "Milliseconds a stopped call may take to unwind before its context is "
            + "cancelled and rebuilt")
    int interruptGraceMillis() default 1000;
}
