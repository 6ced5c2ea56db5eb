/**
 * Building blocks shared by the sandbox simulators: {@link io.ticketbridge.sandbox.support.LoopbackHttpServer}
 * (the JDK server on 127.0.0.1 with journal and fault injection in front of a
 * {@link io.ticketbridge.sandbox.support.SimHandler}), {@link io.ticketbridge.sandbox.support.RequestJournal},
 * {@link io.ticketbridge.sandbox.support.FaultInjector}, {@link io.ticketbridge.sandbox.support.SimClock} (time
 * tests can move) and {@link io.ticketbridge.sandbox.support.TokenBucketLimiter}.
 *
 * <p>The ServiceNow simulator uses them; the older SDP and Ensono simulators keep their own copies for now.
 */
package io.ticketbridge.sandbox.support;
