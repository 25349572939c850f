# A container's main process has its image's tools, as kubectl exec has them: busybox's wget and
# nslookup as the Pod's command and in its scripts; what the image lacks stays a start error.
kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port=80
lab step 60s
kubectl run tmp --image=busybox:1.36 --restart=Never --rm -it -- wget -qO- web
kubectl run dns --image=busybox:1.36 --restart=Never --rm -it -- nslookup web
kubectl run t2 --image=busybox:1.36 --restart=Never -- sh -c "nslookup web; wget -qO- -T 2 nothere; echo status \$?; wget -qO- web | head -4"
kubectl run nocurl --image=busybox:1.36 --restart=Never -- curl web
lab step 30s
kubectl logs t2
kubectl get pod t2
# Under restartPolicy Never the failed start stays the container's state: StartError, exit code 128.
kubectl get pod nocurl
kubectl get pod nocurl -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}: {.status.containerStatuses[0].state.terminated.message}{"\n"}'
