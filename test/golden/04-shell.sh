# The workstation shell: files, variables, pipes, redirects and heredocs.
pwd
ls
ls -a
cat .bashrc
alias
echo "home is $HOME, user is $USER"
export APP=nginx
echo $APP > app.txt
echo second >> app.txt
cat app.txt | wc -l
grep -n image nginx-pod.yaml
head -3 nginx-pod.yaml
cat <<EOF2 > greeting.txt
hello $APP
EOF2
cat greeting.txt
false
echo "status $?"
nosuchcommand --flag
echo "status $?"
cd /tmp && pwd
cd nowhere
cd
kubectl get pods -A | head -1
k get nodes | grep -c Ready
