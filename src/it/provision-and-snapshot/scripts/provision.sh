echo "installing $(cat /extra/scripts/version.txt)"
cp /extra/scripts/version.txt /version.txt
echo provisioned >> /provisioned.log
