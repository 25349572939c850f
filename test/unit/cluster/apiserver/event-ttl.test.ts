/** Events live an hour after their last write (kube-apiserver's --event-ttl, an etcd lease per write). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CoreEvent } from "../../../../src/shared/api/core.js";
import { EventRecorder } from "../../../../src/main/cluster/client/event-recorder.js";
import { EVENTS } from "../../../../src/main/cluster/client/resources.js";
import {
  type TestCluster,
  createPod,
  expectOk,
  makeCluster,
} from "../../helpers/cluster.js";

let cluster: TestCluster;
beforeEach(() => {
  cluster = makeCluster();
});
afterEach(() => cluster.dispose());

const messages = (): string[] =>
  expectOk(cluster.client().list<CoreEvent>(EVENTS, "default")).items.map(
    (e) => e.message ?? "",
  );

describe("Event TTL", () => {
  it("deletes an Event an hour after its last write, and a repeat renews the hour", () => {
    const pod = createPod(cluster.client(), "web");
    const recorder = new EventRecorder(
      cluster.client("kubelet"),
      cluster.clock,
      { component: "kubelet" },
    );
    recorder.event(pod, "Normal", "Pulling", "once");
    recorder.event(pod, "Warning", "BackOff", "again");
    cluster.clock.advance(50 * 60_000);
    recorder.event(pod, "Warning", "BackOff", "again");
    cluster.clock.advance(11 * 60_000);
    expect(messages()).toEqual(["again"]);
    cluster.clock.advance(50 * 60_000);
    expect(messages()).toEqual([]);
  });

  it("leaves other kinds alone and deletes through etcd, so watchers see DELETED", () => {
    const pod = createPod(cluster.client(), "web");
    new EventRecorder(cluster.client("kubelet"), cluster.clock, {
      component: "kubelet",
    }).event(pod, "Normal", "Pulling", "x");
    const seen: string[] = [];
    const watch = expectOk(
      cluster
        .client()
        .watch(
          EVENTS,
          "default",
          { resourceVersion: String(cluster.revision()) },
          (e) => seen.push(e.type),
        ),
    );
    cluster.clock.advance(61 * 60_000);
    watch.dispose();
    expect(seen).toEqual(["DELETED"]);
    expect(
      expectOk(
        cluster
          .client()
          .get(
            { group: "", version: "v1", resource: "pods" },
            "default",
            "web",
          ),
      ).metadata.name,
    ).toBe("web");
  });
});
