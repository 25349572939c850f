# Events at scale: client-go's event correlator in the controllers' recorders.
# A ReplicaSet that creates many Pods at once does not write one Event per Pod forever:
# the 10th different "Created pod" message within 10 minutes becomes one combined Event
# whose count grows, and each source may write at most 25 Events about one object in a burst.
kubectl create deployment web --image=nginx:1.25 --replicas=3
lab step 30s
kubectl get events --field-selector involvedObject.kind=ReplicaSet
# Scale up to 15: nine more single "Created pod" Events would pass the threshold...
kubectl scale deployment web --replicas=15
lab step 30s
kubectl get rs -l app=web
# ...so from the 10th different message on, they are combined into one Event that counts them.
kubectl get events --field-selector involvedObject.kind=ReplicaSet
# The scheduler's Scheduled Events are about different Pods: each Pod keeps its own.
kubectl get events --field-selector reason=Scheduled -o name | wc -l
